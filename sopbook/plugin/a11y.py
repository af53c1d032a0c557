"""Accessibility fixes to the page frame of Material for MkDocs, applied to every built page.

axe-core finds one serious problem in Material's own markup that sopbook pages inherit: the
search overlay is a `role="dialog"` without an accessible name (rule `aria-dialog-name`).
"""

from __future__ import annotations

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
SEARCH_DIALOG_NAMED = '<div class="md-search" data-md-component="search" role="dialog" aria-label="Pencarian">'


def name_search_dialog(html: str) -> str:
    """The page with Material's search dialog named "Pencarian" (unchanged if the theme's
    markup differs, e.g. a site that overrides partials/search.html)."""
    return html.replace(SEARCH_DIALOG, SEARCH_DIALOG_NAMED, 1)
