"""Monitoring and evaluation in the MkDocs adapter (issue 26): the schedule handed to the core
(build date, review interval) and the blank Tabel 7 of every unit as a static HTML file (linked
from "Pemantauan SOP"). The work is done by `sopbook.portal.lifecycle` and the templates; the
page itself is one of `pages.py`, its script one of `assets.py`."""

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

__all__ = ["schedule", "form_path", "add_forms", "rewrite_forms"]

FORMS_DIR = "pemantauan/formulir/"


def schedule(review_interval: str) -> Schedule:
    """The build date (`SOPBOOK_BUILD_DATE`, `SOURCE_DATE_EPOCH` or today) and the portal's
    review interval (the `review_interval` option)."""
    try:
        today = build_date()
    except ValueError as error:  # SOPBOOK_BUILD_DATE that is not a date
        raise PluginError(f"sopbook: {error}") from None
    return Schedule(today, parse_interval(review_interval) or Schedule.default().interval)


def form_path(node: OrgNode) -> str:
    """Site-relative path of the unit's blank Tabel 7."""
    return FORMS_DIR + "tabel7-" + node.path.strip("/").removeprefix("sop/").replace("/", "_") + ".html"


def add_forms(files: Files, config: MkDocsConfig, catalogue: Catalogue, renderer: Renderer, paper: str) -> None:
    """on_files: one blank Tabel 7 per unit with SOPs of its own."""
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
