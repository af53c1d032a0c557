"""`sopbook pdf --tabel7 [UNIT …]` and `sopbook pdf --evaluasi NOMOR`: blank forms to print
(issue 26), as official landscape sheets: Tabel 7 "Monitoring Pelaksanaan SOP AP" of a unit,
pre-filled with its SOPs, and the evaluation form (seven criteria) of one SOP. They are made
from the SOP files (no site is built) and printed with headless Chromium."""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from ..messages import define, say
from ..portal.addresses import slugify
from ..portal.catalogue import Catalogue, Entry, OrgNode
from ..portal.lifecycle import Schedule, build_date
from ..printing.chromium import Chromium, ChromiumMissing
from ..printing.paper import PAPERS
from ..render import Renderer
from ..sop.monitoring import parse_interval

__all__ = ["add_arguments", "wanted", "run"]

define("forms.no_sop",
       id="sopbook pdf: tidak ada SOP bernomor atau berjudul {wanted!r} untuk formulir evaluasi",
       en="sopbook pdf: no SOP numbered or titled {wanted!r} for an evaluation form")
define("forms.no_unit", id="sopbook pdf: unit {wanted!r} tidak ada di portal", en="sopbook pdf: no unit {wanted!r} in the portal")
define("forms.written", id="{path}: {what}, {pages} halaman", en="{path}: {what}, {pages} page(s)")
define("forms.failed", id="sopbook pdf: formulir gagal dicetak: {error}", en="sopbook pdf: the form could not be printed: {error}")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--tabel7", action="store_true",
                        help="write the blank Tabel 7 (Monitoring Pelaksanaan SOP AP) of each UNIT given, "
                             "or of every unit, pre-filled with its SOPs")
    parser.add_argument("--evaluasi", action="append", metavar="NOMOR",
                        help="write the blank evaluation form of the SOP with this number (or title); repeatable")


def wanted(args: argparse.Namespace) -> bool:
    """Whether `sopbook pdf` was asked for forms instead of booklets."""
    return bool(args.tabel7 or args.evaluasi)


def _entry(catalogue: Catalogue, wanted: str) -> Entry | None:
    key = " ".join(wanted.split()).casefold()
    for entry in catalogue:
        if (entry.sop.number or "").casefold() == key or entry.sop.title.casefold() == key:
            return entry
    return None


def run(args: argparse.Namespace, catalogue: Catalogue, options: dict[str, Any], base: Path, paper: str,
        find_unit: Any) -> int:
    overrides = [options["templates_dir"]] if options.get("templates_dir") else [base / "overrides" / "sopbook"]
    try:
        interval = parse_interval(options.get("review_interval")) or Schedule.default().interval
    except ValueError as error:
        print(f"sopbook pdf: {error}", file=sys.stderr)
        return 2
    renderer = Renderer([base / d for d in overrides], schedule=Schedule(build_date(), interval))
    jobs: list[tuple[str, str, str]] = []  # (file name, what, html)
    if args.tabel7:
        nodes: list[OrgNode] = []
        for name in args.units:
            found = find_unit(catalogue, name)
            if isinstance(found, list):
                print(say("forms.no_unit", wanted=name), file=sys.stderr)
                return 2
            nodes.append(found)
        nodes = nodes or [n for n in catalogue.units() if n.entries]
        for node in nodes:
            slug = "_".join(part.path.rstrip("/").rsplit("/", 1)[-1] for part in node.lineage)
            jobs.append((f"tabel7-{slug}.pdf", f"Tabel 7 {node.name}", renderer.tabel7_form(node, paper=PAPERS[paper])))
    for name in args.evaluasi or []:
        entry = _entry(catalogue, name)
        if entry is None:
            print(say("forms.no_sop", wanted=name), file=sys.stderr)
            return 2
        slug = slugify(entry.sop.number, keep_dots=True) if entry.sop.number else slugify(entry.sop.title)
        jobs.append((f"evaluasi-{slug}.pdf", f"Evaluasi {entry.label}", renderer.evaluation_form(entry, paper=PAPERS[paper])))
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    try:
        with Chromium() as browser:
            for file_name, what, html in jobs:
                tab = browser.tab()
                try:
                    tab.set_html(html)
                    data = tab.pdf()
                finally:
                    tab.close()
                path = out / file_name
                path.write_bytes(data)
                pages = len(PdfReader(io.BytesIO(data)).pages)
                print(say("forms.written", path=path, what=what, pages=pages))
    except ChromiumMissing as error:
        print(error, file=sys.stderr)
        return 2
    except (RuntimeError, TimeoutError, OSError) as error:
        print(say("forms.failed", error=error), file=sys.stderr)
        return 1
    return 0
