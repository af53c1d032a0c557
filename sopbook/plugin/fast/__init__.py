"""plugin/fast"""
