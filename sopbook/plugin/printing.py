"""Printing in the MkDocs adapter: the print stylesheet as a site asset, each SOP page's
footer (with the QR code to the page at `site_url`), and the warning when there is no
`site_url`. The work is done by `sopbook.printing`."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from ..messages import say
from ..portal.catalogue import Entry
from ..portal.logos import Logos, find_logos
from ..printing.footer import footer_style, page_address
from ..printing.stylesheet import print_stylesheet
from .log import log

PRINT_CSS_URI = "assets/sopbook/print.css"
PRINT_JS_URI = "assets/sopbook/print.js"
ASSETS = Path(__file__).parent.parent / "assets"

def add_assets(config: MkDocsConfig, swimlane: bool) -> None:
    """Link the print stylesheet after every other stylesheet (it overrides them in print),
    and with `print_swimlane` the script that fits each diagram to a sheet."""
    if PRINT_CSS_URI not in config.extra_css:
        config.extra_css.append(PRINT_CSS_URI)
    if swimlane and PRINT_JS_URI not in [str(s) for s in config.extra_javascript]:
        config.extra_javascript.append(PRINT_JS_URI)


def asset_files(config: MkDocsConfig, paper: str, swimlane: bool) -> list[File]:
    files = [File.generated(config, PRINT_CSS_URI, content=print_stylesheet(paper, swimlane=swimlane))]
    if swimlane:
        files.append(File.generated(config, PRINT_JS_URI, abs_src_path=str(ASSETS / "print.js")))
    return files


def warn_without_site_url(config: MkDocsConfig) -> None:
    """One warning per build without `site_url`. Under `--strict` it is an info line: a
    preview or test build without a public address is not an error."""
    if not config.site_url:
        (log.info if config.strict else log.warning)(say("build.no_site_url"))


def footer(entry: Entry, config: MkDocsConfig, page_url: str) -> Markup:
    """The footer on every printed sheet of the SOP's page (`page_url` is site-relative)."""
    return footer_style(entry.sop, page_address(config.site_url, page_url))


def load_logos(config: MkDocsConfig, content_dir: str) -> Logos:
    """The organisation folders' logos (`_organisasi.yml`), for the content folder of
    mkdocs.yml."""
    base = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
    return find_logos(base / content_dir)


def logo_files(config: MkDocsConfig, logos: Logos) -> list[File]:
    """One site file per distinct logo."""
    return [File.generated(config, uri, abs_src_path=str(source)) for uri, source in logos.files.items()]


def page_logo(logos: Logos, entry: Entry, page_url: str) -> dict[str, str] | None:
    """The logo of the SOP's organisation folder for its page: `url` (relative to the page)
    and `alt`; None without one."""
    logo = logos.for_file(entry.loaded.path)
    if logo is None:
        return None
    return {"url": get_relative_url(logo.site_path, page_url), "alt": logo.alt_for(list(entry.sop.organisation or []))}
