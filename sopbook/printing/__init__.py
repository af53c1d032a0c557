"""Printing: papers and margins, the sheet plan of the procedure table (font metrics,
off-page connectors), the print stylesheet, the footer with its QR code, booklets and the
headless Chromium client that prints them.

Never imports MkDocs.
"""

from .booklet import Booklet, booklet_for, print_booklet
from .chromium import Chromium, ChromiumMissing, find_chromium
from .footer import footer_style, page_address
from .paper import PAPERS, Paper
from .stylesheet import print_stylesheet

__all__ = [
    "PAPERS",
    "Booklet",
    "Chromium",
    "ChromiumMissing",
    "Paper",
    "booklet_for",
    "find_chromium",
    "footer_style",
    "page_address",
    "print_booklet",
    "print_stylesheet",
]
