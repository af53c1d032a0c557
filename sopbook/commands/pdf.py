"""`sopbook pdf`: booklet PDFs of the portal and of its units, printed from the built site."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, TextIO

import yaml

from ..messages import say
from ..portal.catalogue import Catalogue, OrgNode
from ..portal.addresses import slugify
from ..printing.chromium import ChromiumMissing, find_chromium
from ..sop.loading import load_paths
from ..printing.paper import PAPERS
from ..printing.booklet import booklet_for, print_booklet
from . import forms
from .registry import command

__all__ = ["run"]


class _AnyTag(yaml.SafeLoader):
    """Reads mkdocs.yml for a few plain options, ignoring !ENV, !!python/name and the like."""


_AnyTag.add_multi_constructor("", lambda loader, suffix, node: None)


def _portal_config(path: Path) -> dict[str, Any]:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_AnyTag) or {}
    options: dict[str, Any] = {}
    plugins = data.get("plugins") or []
    items = plugins.items() if isinstance(plugins, dict) else (
        next(iter(p.items())) if isinstance(p, dict) else (p, {}) for p in plugins
    )
    for name, value in items:
        if name == "sopbook":
            options = value or {}
    return {"site_name": data.get("site_name") or "Portal SOP", "site_url": data.get("site_url"), **options}


class Progress:
    """A bar on a terminal; otherwise a plain line every twentieth of the work."""

    def __init__(self, stream: TextIO, label: str) -> None:
        self.stream = stream
        self.label = label
        self.tty = stream.isatty()
        self.start = time.monotonic()
        self.last_line = -1

    def __call__(self, done: int, total: int, _path: str) -> None:
        if self.tty:
            width = 30
            filled = width * done // max(total, 1)
            self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total} SOP")
            if done == total:
                self.stream.write("\n")
            self.stream.flush()
            return
        step = max(1, total // 20)
        if done == total or done // step != self.last_line:
            self.last_line = done // step
            elapsed = time.monotonic() - self.start
            print(f"{self.label}: {done}/{total} SOP dicetak ({elapsed:.0f} s)", file=self.stream, flush=True)


def _find_unit(catalogue: Catalogue, wanted: str) -> OrgNode | list[OrgNode]:
    key = wanted.strip().strip("/").removeprefix("sop/").casefold()
    units = list(catalogue.units())
    by_path = [n for n in units if n.path.strip("/").removeprefix("sop/").casefold() == key]
    if by_path:
        return by_path[0]
    by_name = [n for n in units if n.name.casefold() == key or slugify(n.name) == slugify(key)]
    return by_name[0] if len(by_name) == 1 else by_name


BUILD_ON_PAPER = """\
import logging, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
logging.basicConfig(level=logging.ERROR, format="%(levelname)-7s -  %(message)s")
try:
    config = load_config(sys.argv[1], site_dir=sys.argv[2])
    config.plugins["sopbook"].config["paper"] = sys.argv[3]
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
except MkDocsException as error:
    sys.exit(str(error))
"""
"""`mkdocs build -q` with the plugin's `paper` set to another paper (`sopbook pdf --paper`):
the built pages plan their sheet breaks for the paper they are printed on."""


def _site_paper(site: Path) -> str | None:
    """The paper a built site was made for (the first line of its print stylesheet)."""
    try:
        head = (site / "assets" / "sopbook" / "print.css").read_text(encoding="utf-8")[:200]
    except OSError:
        return None
    return next((name for name, paper in PAPERS.items() if head.startswith(f"/* {paper.label},")), None)


def _page_file(site: Path, path: str) -> Path:
    """The built page of a site-relative path: `sop/…/1.2/index.html`, or `sop/…/1.2.html`
    when the site is built with `use_directory_urls: false`."""
    folder = site / path / "index.html"
    if folder.is_file():
        return folder
    return site / (path.rstrip("/") + ".html")


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "units", nargs="*", metavar="UNIT",
        help="unit by name ('Inspektorat') or path ('pemerintah-kota-madiun/inspektorat'); default: the whole portal",
    )
    parser.add_argument("-o", "--output", default="pdf", metavar="DIR", help="folder for the PDFs (default: pdf)")
    parser.add_argument("--paper", choices=sorted(PAPERS), help="a4 or f4 (default: the plugin's `paper` option)")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", metavar="FILE", help="mkdocs.yml of the portal")
    parser.add_argument("--site", metavar="DIR", help="print from this built site instead of building one")
    parser.add_argument("--per-unit", action="store_true", help="also one booklet for every unit")
    parser.add_argument(
        "--duplex", action="store_true",
        help="for printing on both sides: blank pages so that every SOP starts on the front of a sheet",
    )
    parser.add_argument("--samples", action="store_true", help="include sample SOPs (contoh: true)")
    parser.add_argument("--drafts", action="store_true", help="include drafts (status: draf)")
    parser.add_argument("--revoked", action="store_true", help="include revoked SOPs (status: dicabut)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, metavar="N", help="pages printed at once")
    parser.add_argument("--year", type=int, help="year on the cover (default: this year)")
    forms.add_arguments(parser)  # --tabel7, --evaluasi: blank monitoring and evaluation forms


@command(
    "pdf",
    help="write booklet PDFs (cover, daftar isi, every SOP on its own sheet)",
    description=(
        "Print the booklet of the whole portal, or of each UNIT given (its SOPs and those of "
        "its sub-units), to PDF with headless Chromium. Builds the site first unless --site "
        "names a built one. Sample SOPs (contoh: true), drafts and revoked SOPs are left out "
        "unless asked for."
    ),
    arguments=arguments,
    order=50,
)
def run(args: argparse.Namespace) -> int:
    config_file = Path(args.config_file).resolve()
    if not config_file.is_file():
        print(f"sopbook pdf: {args.config_file} tidak ditemukan (gunakan -f FILE)", file=sys.stderr)
        return 2
    if find_chromium() is None:
        print(say("pdf.no_chromium"), file=sys.stderr)
        return 2
    options = _portal_config(config_file)
    base = config_file.parent
    content_dir = options.get("content_dir", "content")
    paper = args.paper or options.get("paper", "a4")
    swimlane = bool(options.get("print_swimlane", False))
    result = load_paths([base / content_dir], base=base)
    if result.problems:
        for problem in sorted(result.problems):
            print(problem, file=sys.stderr)
        print(f"sopbook pdf: {len(result.problems)} masalah dalam berkas SOP; tidak ada PDF yang ditulis", file=sys.stderr)
        return 1
    catalogue = Catalogue(result.sops)
    if forms.wanted(args):
        return forms.run(args, catalogue, options, base, paper, _find_unit)
    which = {"samples": args.samples, "drafts": args.drafts, "revoked": args.revoked}
    nodes: list[OrgNode] = []
    for wanted in args.units:
        found = _find_unit(catalogue, wanted)
        if isinstance(found, list):
            names = ", ".join(n.path.strip("/").removeprefix("sop/") for n in found)
            hint = f"; beberapa unit bernama demikian: {names}" if found else ""
            print(f"sopbook pdf: unit {wanted!r} tidak ada di portal{hint}", file=sys.stderr)
            return 2
        nodes.append(found)
    if not nodes:
        nodes.append(catalogue.root)
        if args.per_unit:
            nodes.extend(catalogue.units())
    if not options.get("site_url") and not args.site:
        print(
            "sopbook pdf: mkdocs.yml tidak punya `site_url`, jadi lembar cetak tidak memuat kode QR; "
            "isi `site_url:` dengan alamat publik portal",
            file=sys.stderr,
        )
    booklets = [booklet_for(n, portal_name=options["site_name"], **which) for n in nodes]
    if args.year:
        for booklet in booklets:
            booklet.year = args.year
    with tempfile.TemporaryDirectory(prefix="sopbook-pdf-") as tmp:
        site = Path(args.site).resolve() if args.site else Path(tmp) / "site"
        built = None
        if args.site:
            built = _site_paper(site)
            if built and built != paper:
                print(
                    f"sopbook pdf: situs {args.site} dibangun untuk kertas {PAPERS[built].label}; pergantian "
                    f"lembar tabel prosedur direncanakan untuk kertas itu, bukan {PAPERS[paper].label} "
                    "(bangun tanpa --site, atau dengan `paper` yang sama)",
                    file=sys.stderr,
                )
        else:
            print("sopbook pdf: membangun situs …", file=sys.stderr, flush=True)
            command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config_file), "-d", str(site)]
            if paper != options.get("paper", "a4"):  # the sheet breaks are planned for this paper
                command = [sys.executable, "-c", BUILD_ON_PAPER, str(config_file), str(site), paper]
            quiet = {**os.environ, "SOPBOOK_PRECOMPRESS": "0"}  # a site to print: no .gz/.br copies
            done = subprocess.run(command, capture_output=True, text=True, cwd=base, env=quiet)
            if done.returncode != 0:
                sys.stderr.write(done.stderr or done.stdout)
                print("sopbook pdf: situs gagal dibangun; tidak ada PDF yang ditulis", file=sys.stderr)
                return 1
            built = _site_paper(site)
        pages = {e.path: _page_file(site, e.path) for e in catalogue}
        absent = [str(p) for e, p in pages.items() if not p.is_file()]
        if absent:
            print(f"sopbook pdf: halaman SOP tidak ada di {site}: {absent[0]} (bangun ulang situsnya)", file=sys.stderr)
            return 1
        out_dir = Path(args.output)
        cache: dict[str, bytes] = {}
        written = 0
        for booklet in booklets:
            if not booklet.entries:
                print(f"sopbook pdf: {booklet.title}: tidak ada SOP untuk dicetak; dilewati", file=sys.stderr)
                continue
            try:
                done_booklet = print_booklet(
                    booklet, pages, out_dir / f"{booklet.name}.pdf", paper=paper,
                    workers=args.workers, swimlane=swimlane, cache=cache, duplex=args.duplex,
                    site_paper=built,
                    progress=Progress(sys.stderr, booklet.title),
                )
            except ChromiumMissing as error:
                print(error, file=sys.stderr)
                return 2
            except (RuntimeError, TimeoutError, OSError) as error:
                print(f"sopbook pdf: {booklet.title}: pencetakan gagal: {error}", file=sys.stderr)
                return 1
            written += 1
            if done_booklet.font_warning and written == 1:
                print(done_booklet.font_warning, file=sys.stderr)
            size = done_booklet.bytes / 1e6
            print(
                f"{done_booklet.path}: {len(booklet.entries)} SOP, {done_booklet.pages} halaman, {size:.1f} MB "
                f"(cetak {done_booklet.print_seconds:.0f} s, gabung {done_booklet.merge_seconds:.0f} s)"
            )
    return 0 if written else 1
