"""Booklets: the SOPs of a unit (or the whole portal) printed to one PDF.

`print_booklet` prints every SOP page on its own (Chromium, a few tabs at once), counts the
pages, then writes the cover and the daftar isi with the right page numbers and merges
everything with pypdf: Chromium has no `target-counter()`, and one huge document is slow and
fragile. A printed SOP is its portal page with the print stylesheet (`stylesheet.py`) and the
footer of `footer.py`, so Ctrl+P in a browser and `sopbook pdf` give the same sheets.
"""

from __future__ import annotations

import io
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from markupsafe import escape

from ..messages import say
from ..portal.catalogue import Entry, OrgNode
from ..sop.model import Status
from .chromium import Tab
from .footer import FOOTER_FONT
from .paper import MARGINS, PAPERS, Paper
from .metrics import FONT_PROBE_JS, font_fits
from .pool import ChromiumPool, browsers_for


@dataclass
class Booklet:
    """The SOPs of one unit (and its sub-units) or of the whole portal, in catalogue order."""

    name: str  # file name without .pdf
    title: str  # the unit's name, or the site's name for the whole portal
    organisation: list[str]  # the unit's lineage, top first
    entries: list[Entry]
    year: int = field(default_factory=lambda: date.today().year)


def included(entry: Entry, *, samples: bool = False, drafts: bool = False, revoked: bool = False) -> bool:
    """Samples (`contoh: true`), drafts and revoked SOPs are left out unless asked for."""
    sop = entry.sop
    if sop.sample and not samples:
        return False
    if sop.status is Status.DRAFT and not drafts:
        return False
    if sop.status is Status.REVOKED and not revoked:
        return False
    return True


def booklet_for(node: OrgNode, *, portal_name: str, **which: bool) -> Booklet:
    """The booklet of `node` (the catalogue's root: the whole portal)."""
    entries = [e for e in node.all_entries() if included(e, **which)]
    if node.parent is None:
        return Booklet("semua-sop", portal_name, [], entries)
    lineage = node.lineage
    name = "_".join(part.path.rstrip("/").rsplit("/", 1)[-1] for part in lineage)
    return Booklet(name, node.name, [n.name for n in lineage], entries)


@dataclass
class BookletResult:
    path: Path
    pages: int
    starts: list[int]  # page number (1-based) where each SOP starts
    bytes: int
    print_seconds: float = 0.0  # printing the SOP pages (Chromium)
    merge_seconds: float = 0.0  # cover, daftar isi, merging and writing
    font_warning: str | None = None  # the print fonts are wider than sheets.py assumes


Progress = Callable[[int, int, str], None]
"""progress(done, total, label): called after every printed SOP."""


def _cover_html(booklet: Booklet, paper: Paper) -> str:
    org = "".join(f"<p class='org'>{escape(name)}</p>" for name in booklet.organisation[:-1])
    return _document(
        paper,
        "cover",
        f"""<div class="cover">{org}
<p class="kind">Buku Standar Operasional Prosedur</p>
<p class="kind2">(SOP Administrasi Pemerintahan)</p>
<h1>{escape(booklet.title)}</h1>
<p class="count">{len(booklet.entries)} SOP</p>
<p class="year">Tahun {booklet.year}</p></div>""",
    )


def _toc_html(booklet: Booklet, paper: Paper, starts: Sequence[int | str]) -> str:
    """The daftar isi: a heading row per unit (its path below the booklet's unit), then one
    row per SOP with Nomor SOP, Nama SOP and the page where it starts."""
    rows = []
    depth = len(booklet.organisation)
    unit = None
    for i, (entry, start) in enumerate(zip(booklet.entries, starts), 1):
        sop = entry.sop
        if entry.org is not unit:
            unit = entry.org
            names = [n.name for n in unit.lineage[depth:]]
            if names:
                rows.append(f"<tr class='unit'><th colspan='4'>{escape(' › '.join(names))}</th></tr>")
        rows.append(
            f"<tr><td class='no'>{i}</td><td class='nomor'>{escape(sop.number or '-')}</td>"
            f"<td>{escape(sop.title)}</td><td class='hlm'>{escape(str(start))}</td></tr>"
        )
    return _document(
        paper,
        "toc",
        "<h1>Daftar Isi</h1><table><thead><tr><th class='no'>No</th><th class='nomor'>Nomor SOP</th>"
        "<th>Nama SOP</th><th class='hlm'>Halaman</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>",
    )


def _document(paper: Paper, kind: str, body: str) -> str:
    return f"""<!doctype html><html lang="id"><head><meta charset="utf-8"><style>
@page {{ size: {paper.css_size}; margin: {MARGINS};
  @bottom-center {{ content: counter(page, lower-roman); font: {FOOTER_FONT}; }} }}
@page :first {{ @bottom-center {{ content: none; }} }}
body {{ font-family: "Liberation Sans", Arial, Helvetica, sans-serif; color: #000; font-size: 10pt; margin: 0; }}
.cover {{ text-align: center; padding-top: 35mm; }}
.cover .org {{ font-weight: 700; text-transform: uppercase; margin: 0 0 2mm; font-size: 13pt; }}
.cover .kind {{ font-size: 22pt; font-weight: 700; margin: 14mm 0 2mm; text-transform: uppercase; }}
.cover .kind2 {{ font-size: 13pt; margin: 0 0 12mm; }}
.cover h1 {{ font-size: 20pt; text-transform: uppercase; margin: 0 0 10mm; }}
.cover .count {{ font-size: 12pt; }}
.cover .year {{ font-size: 14pt; font-weight: 700; margin-top: 20mm; }}
h1 {{ font-size: 14pt; text-align: center; margin: 0 0 5mm; }}
table {{ width: 100%; border-collapse: collapse; font-size: 9pt; }}
thead {{ display: table-header-group; }}
tr {{ break-inside: avoid; }}
th, td {{ border: 0.6pt solid #000; padding: 1mm 2mm; text-align: left; vertical-align: top; }}
th {{ background: #e8e8e8; print-color-adjust: exact; -webkit-print-color-adjust: exact; }}
.no {{ width: 8mm; text-align: center; }} .nomor {{ width: 40mm; white-space: nowrap; }}
.hlm {{ width: 18mm; text-align: right; }}
tr.unit th {{ background: #fff; border-left: 0; border-right: 0; padding-top: 3mm; font-size: 9pt; }}
tr.unit {{ break-after: avoid; }}
</style></head><body class="{kind}">{body}</body></html>"""

SWIMLANE_READY = """(() => {
  for (const d of document.querySelectorAll('details.sop-swimlane')) d.open = true;
  for (const body of document.querySelectorAll('.sop-swimlane-body')) {
    const m = body.querySelector('.mermaid');
    if (!m || m.tagName === 'PRE' || m.getBoundingClientRect().height < 20) return false;
  }
  return true;
})()"""

FIT_SWIMLANE = "window.sopbookFitSwimlanes ? (window.sopbookFitSwimlanes(), true) : false"
"""Runs `assets/print.js` (what the browser runs before Ctrl+P): each diagram fits one sheet."""


class _PageStamp:
    """Writes "Buku hlm. N" (the booklet's page number, as in the daftar isi) in the top right
    margin of a page: a small content stream of its own, so the page is not parsed again."""

    FONT = "/FSopbookStamp"

    def __init__(self, writer) -> None:
        from pypdf.generic import DictionaryObject, NameObject

        self.writer = writer
        font = DictionaryObject()
        font.update({
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        })
        # pypdf has no public way to make a new stream an object of the writer: `_add_object`
        # (its one private name that sopbook uses; pinned by tests/test_internals.py)
        self.font = writer._add_object(font)
        self.push = writer._add_object(self._stream(b"q\n"))
        self.pop = writer._add_object(self._stream(b"Q\n"))

    @staticmethod
    def _stream(data: bytes):
        from pypdf.generic import DecodedStreamObject

        stream = DecodedStreamObject()
        stream.set_data(data)
        return stream

    def __call__(self, page, number: int) -> None:
        from pypdf.generic import ArrayObject, DictionaryObject, NameObject

        width = float(page.mediabox.width)
        height = float(page.mediabox.height)
        text = f"Buku hlm. {number}"
        size = 8
        x = width - 10 * 72 / 25.4 - 0.52 * size * len(text)
        y = height - 7 * 72 / 25.4
        mark = self._stream(f"BT {self.FONT} {size} Tf 0 g {x:.2f} {y:.2f} Td ({text}) Tj ET\n".encode("ascii"))
        resources = page.get("/Resources")
        resources = resources.get_object() if resources is not None else DictionaryObject()
        fonts = resources.get("/Font")
        fonts = fonts.get_object() if fonts is not None else DictionaryObject()
        fonts[NameObject(self.FONT)] = self.font
        resources[NameObject("/Font")] = fonts
        page[NameObject("/Resources")] = resources
        contents = page.get("/Contents")
        old = list(contents.get_object()) if isinstance(contents.get_object(), ArrayObject) else [contents]
        page[NameObject("/Contents")] = ArrayObject([self.push, *old, self.pop, self.writer._add_object(mark)])


def print_booklet(
    booklet: Booklet,
    pages: dict[str, Path],
    out: Path,
    *,
    paper: str = "a4",
    workers: int = 2,
    swimlane: bool = False,
    progress: Progress | None = None,
    cache: dict[str, bytes] | None = None,
    duplex: bool = False,
    site_paper: str | None = None,
) -> BookletResult:
    """Print `booklet` into `out` (PDF). `pages` maps an entry's path to its built page
    (`index.html` in the site); `cache` keeps per-SOP PDFs between booklets of one run.
    With `duplex` (printing on both sides) blank pages are added so that the daftar isi and
    every SOP begin on the front of a new sheet (an odd page). `site_paper` is the paper the
    site was built for, if known: when it is `paper`, the pages are printed as they are.
    `workers` pages are printed at once, in as many tabs (`pool.py`)."""

    def padded(count: int) -> int:
        return count + (count % 2 if duplex else 0)

    from pypdf import PdfReader, PdfWriter


    sheet = PAPERS[paper]
    cache = {} if cache is None else cache
    paper_rule = (
        "document.head.insertAdjacentHTML('beforeend', "
        f"'<style>@page {{ size: {sheet.css_size}; }}</style>')"
    )
    # the site's print stylesheet already sets this paper: the rule would change nothing but
    # cost Chromium a second style pass per page
    needs_paper_rule = site_paper != paper
    todo = [e.path for e in booklet.entries if e.path not in cache]
    total = len(booklet.entries)
    done_count = total - len(todo)
    started = time.monotonic()

    def setup(tab: Tab) -> None:
        if not swimlane:  # nothing else on a printed page needs script: skip Mermaid
            tab.call("Emulation.setScriptExecutionDisabled", value=True)
            # lay the page out for print from the start instead of for the screen first
            tab.call("Emulation.setEmulatedMedia", media="print")

    def work(tab: Tab, path: str) -> bytes:
        tab.load(pages[path].resolve().as_uri())
        if needs_paper_rule:
            tab.evaluate(paper_rule)  # the paper asked for, whatever the site says
        if swimlane:
            tab.wait_until(SWIMLANE_READY, timeout=30)
            tab.evaluate(FIT_SWIMLANE)
        return tab.pdf()

    def done(path: str, data: bytes) -> None:
        nonlocal done_count
        cache[path] = data
        done_count += 1
        if progress:
            progress(done_count, total, path)

    with ChromiumPool(browsers_for(workers)) as pool:
        pool.print_all(todo, work, done, workers=workers, setup=setup)
        browser = pool.browser(0)
        printed = time.monotonic()
        readers = [PdfReader(io.BytesIO(cache[e.path])) for e in booklet.entries]
        counts = [len(r.pages) for r in readers]
        tab = browser.tab()
        tab.set_html(_cover_html(booklet, sheet))
        cover = PdfReader(io.BytesIO(tab.pdf()))

        font_warning = None if font_fits(float(tab.evaluate(FONT_PROBE_JS) or 0)) else say("pdf.no_font")
        # the daftar isi's length does not depend on its numbers (as wide as the largest)
        width = len(str(len(cover.pages) + sum(counts) + 99))
        tab.set_html(_toc_html(booklet, sheet, ["8" * width] * total))
        toc_pages = len(PdfReader(io.BytesIO(tab.pdf())).pages)
        first = padded(len(cover.pages)) + padded(toc_pages) + 1
        starts = []
        for count in counts:
            starts.append(first)
            first += padded(count)
        tab.set_html(_toc_html(booklet, sheet, starts))
        toc = PdfReader(io.BytesIO(tab.pdf()))
        if len(toc.pages) != toc_pages:  # pragma: no cover - the numbers changed the layout
            raise RuntimeError("daftar isi berubah panjang setelah nomor halaman ditulis")
        tab.close()
    writer = PdfWriter()
    blank = (sheet.points[0], sheet.points[1])
    for reader in (cover, toc):
        for page in reader.pages:
            writer.add_page(page)
        if padded(len(reader.pages)) > len(reader.pages):
            writer.add_blank_page(*blank)
    stamp = _PageStamp(writer)
    for reader in readers:
        for page in reader.pages:
            stamp(writer.add_page(page), len(writer.pages))
        if padded(len(reader.pages)) > len(reader.pages):
            writer.add_blank_page(*blank)
    writer.add_metadata({"/Title": f"Buku SOP — {booklet.title}", "/Creator": "sopbook"})
    for entry, start in zip(booklet.entries, starts):
        writer.add_outline_item(entry.label, start - 1)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".pdf.part")
    with open(tmp, "wb") as handle:
        writer.write(handle)
    os.replace(tmp, out)
    return BookletResult(
        out, len(writer.pages), starts, out.stat().st_size, printed - started, time.monotonic() - printed,
        font_warning,
    )
