"""The plugin's one logger: MkDocs' plugin logger, which puts "sopbook: " before each message."""

from __future__ import annotations

from mkdocs.plugins import get_plugin_logger

__all__ = ["log"]

log = get_plugin_logger("sopbook")
