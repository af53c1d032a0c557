"""Printing in the MkDocs adapter: the print stylesheet as a site asset, each SOP page's
footer (with the QR code to the page at `site_url`), and the warning when there is no
`site_url`. The work is done by `sopbook.printing`."""

from __future__ import annotations

import logging

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from ..catalogue import Entry
from ..printing import footer_style, page_address, print_stylesheet

log = logging.getLogger("mkdocs.plugins.sopbook")

PRINT_CSS_URI = "assets/sopbook/print.css"

NO_SITE_URL = (
    "sopbook: SOP yang dicetak tidak memuat kode QR karena mkdocs.yml tidak punya `site_url`; "
    "isi `site_url:` dengan alamat publik portal (mis. https://sop.contoh.go.id/) agar setiap "
    "lembar cetak memuat kode QR ke halaman SOP-nya"
)


def add_stylesheet(config: MkDocsConfig) -> None:
    """Link the print stylesheet after every other stylesheet (it overrides them in print)."""
    if PRINT_CSS_URI not in config.extra_css:
        config.extra_css.append(PRINT_CSS_URI)


def stylesheet_file(config: MkDocsConfig, paper: str, swimlane: bool) -> File:
    return File.generated(config, PRINT_CSS_URI, content=print_stylesheet(paper, swimlane=swimlane))


def warn_without_site_url(config: MkDocsConfig) -> None:
    """One warning per build without `site_url`. Under `--strict` it is an info line: a
    preview or test build without a public address is not an error."""
    if not config.site_url:
        (log.info if config.strict else log.warning)(NO_SITE_URL)


def footer(entry: Entry, config: MkDocsConfig, page_url: str) -> Markup:
    """The footer on every printed sheet of the SOP's page (`page_url` is site-relative)."""
    return footer_style(entry.sop, page_address(config.site_url, page_url))
