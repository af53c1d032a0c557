"""The files sopbook adds to every site: its stylesheet, the catalogue script (linked from the
catalogue page only), the print stylesheet (and script), and the Mermaid library it ships (no
CDN; fetched when a reader asks for a swimlane, mermaid-loader.js)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from . import printing

__all__ = ["ASSETS", "MERMAID_URI", "link_assets", "add_asset_files"]

ASSETS = Path(__file__).parent.parent / "assets"
CSS_URI = "assets/sopbook/sopbook.css"
KATALOG_JS_URI = "assets/sopbook/katalog.js"
LIFECYCLE_JS_URI = "assets/sopbook/lifecycle.js"
"""Tells a reader who came from a printed sheet's QR code whether it is still valid (issue 26);
linked by the SOP page's template (partials/version.html), not by every page."""
LOADER_URI = "assets/sopbook/mermaid-loader.js"
LANES_URI = "assets/sopbook/mermaid-lanes.js"  # fetched by the loader with Mermaid, on request
MERMAID_URI = "assets/sopbook/mermaid/mermaid.min.js"
MERMAID_FILES = {
    MERMAID_URI: ASSETS / "mermaid" / "mermaid.min.js",
    "assets/sopbook/mermaid/LICENSE": ASSETS / "mermaid" / "LICENSE",
}


def link_assets(config: MkDocsConfig, options: Any, *, mermaid2: bool) -> None:
    """on_config: the stylesheets and scripts every page links to."""
    if CSS_URI not in config.extra_css:
        config.extra_css.insert(0, CSS_URI)
    scripts = [str(s) for s in config.extra_javascript]  # katalog.js: only catalogue.html links it
    if options.swimlane != "off" and not mermaid2 and LOADER_URI not in scripts:
        # defines window.mermaid before Material looks for it: no CDN, ever
        config.extra_javascript.insert(0, LOADER_URI)
    printing.add_assets(config, options.print_swimlane)


def add_asset_files(files: Files, config: MkDocsConfig, options: Any) -> None:
    """on_files: the files those links point to."""
    files.append(File.generated(config, CSS_URI, abs_src_path=str(ASSETS / "sopbook.css")))
    files.append(File.generated(config, KATALOG_JS_URI, abs_src_path=str(ASSETS / "katalog.js")))
    files.append(File.generated(config, LIFECYCLE_JS_URI, abs_src_path=str(ASSETS / "lifecycle.js")))
    for file in printing.asset_files(config, options.paper, options.print_swimlane):
        files.append(file)
    if options.swimlane != "off":
        files.append(File.generated(config, LOADER_URI, abs_src_path=str(ASSETS / "mermaid-loader.js")))
        files.append(File.generated(config, LANES_URI, abs_src_path=str(ASSETS / "mermaid-lanes.js")))
        for uri, source in MERMAID_FILES.items():
            if files.get_file_from_path(uri) is None:
                files.append(File.generated(config, uri, abs_src_path=str(source)))
