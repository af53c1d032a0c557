"""The MkDocs adapter: a thin layer between MkDocs and the sopbook core."""

from .plugin import SopbookPlugin

__all__ = ["SopbookPlugin"]
