"""Monitoring and evaluation in the MkDocs adapter (issue 26): the "Pemantauan SOP" page, the
blank Tabel 7 of every unit as a static HTML file, the script that tells a reader of a printed
sheet whether it is still valid, and the schedule (build date, review interval) handed to the
core. The work is done by `sopbook.portal.lifecycle` and the templates."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from ..portal.catalogue import Catalogue, OrgNode
from ..portal.lifecycle import Schedule, build_date
from ..printing.paper import PAPERS
from ..render import Renderer
from ..sop.monitoring import parse_interval

__all__ = ["MONITORING_URI", "MONITORING_TITLE", "LIFECYCLE_JS_URI", "schedule", "add_assets", "add_files", "form_path"]

MONITORING_URI = "pemantauan/index.md"
MONITORING_TITLE = "Pemantauan SOP"
LIFECYCLE_JS_URI = "assets/sopbook/lifecycle.js"
FORMS_DIR = "pemantauan/formulir/"
ASSETS = Path(__file__).parent.parent / "assets"


def schedule(review_interval: str) -> Schedule:
    """The build date (`SOPBOOK_BUILD_DATE`, `SOURCE_DATE_EPOCH` or today) and the portal's
    review interval (the `review_interval` option)."""
    try:
        today = build_date()
    except ValueError as error:  # SOPBOOK_BUILD_DATE that is not a date
        raise PluginError(f"sopbook: {error}") from None
    return Schedule(today, parse_interval(review_interval) or Schedule.default().interval)


def add_assets(config: MkDocsConfig) -> None:
    """The printed-sheet statement's script, on every page (it acts only with ?versi=/?tanggal=)."""
    if LIFECYCLE_JS_URI not in [str(s) for s in config.extra_javascript]:
        config.extra_javascript.append(LIFECYCLE_JS_URI)


def form_path(node: OrgNode) -> str:
    """Site-relative path of the unit's blank Tabel 7."""
    return FORMS_DIR + "tabel7-" + node.path.strip("/").removeprefix("sop/").replace("/", "_") + ".html"


def add_files(files: Files, config: MkDocsConfig, catalogue: Catalogue, renderer: Renderer, paper: str) -> None:
    """The script and one blank Tabel 7 per unit with SOPs of its own."""
    files.append(File.generated(config, LIFECYCLE_JS_URI, abs_src_path=str(ASSETS / "lifecycle.js")))
    for node in catalogue.units():
        if node.entries:
            html = renderer.tabel7_form(node, paper=PAPERS[paper])
            files.append(File.generated(config, form_path(node), content=html))


def rewrite_forms(files: Files, catalogue: Catalogue, renderer: Renderer, paper: str) -> None:
    """After a quick update (`fast/quick.py`: the same units, SOPs edited in place): write again
    the blank Tabel 7 whose SOP numbers or titles changed."""
    for node in catalogue.units():
        file = files.get_file_from_path(form_path(node)) if node.entries else None
        if file is None:
            continue
        html = renderer.tabel7_form(node, paper=PAPERS[paper])
        target = Path(file.abs_dest_path)
        if not target.is_file() or target.read_text(encoding="utf-8") != html:
            target.write_text(html, encoding="utf-8")
        file.content_string = html  # what a full build of these files writes
