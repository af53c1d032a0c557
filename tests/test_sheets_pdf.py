"""Off-page connectors on real printed sheets: Ctrl+P in Chromium and `sopbook pdf`, A4 and F4.

A portal written here holds a 34-step SOP (five actors, a decision looping back over several
sheet breaks, a step shared by two actors), a seed-sized SOP and an SOP with one step longer
than a sheet. Each is printed by Chromium itself (the page's CSS page size, as the print
dialog does) and by `sopbook pdf`; the PDFs are read with pypdf (text with positions):

* the procedure table takes exactly the planned sheets, every step row whole on one of them,
  the two-row header on each;
* at every break, the pentagons' labels at the bottom of the sheet are the labels at the top
  of the next, the ones planned (sopbook/printing/sheets.py), inside the page box, above the footer;
* the seed-sized SOP has no pentagon; on screen no pentagon is shown.

PNG renderings of the sheets go to tests/artifacts/sheets-*.png.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pypdf import PdfReader

from browser import ARTIFACTS, SiteServer
from conftest import ENV, SmallSite
from sheets_fixtures import HUGE_STEP, LONG_STEPS, SHORT_SOP, huge_sop, long_sop
from sopbook.drawing.flowchart import build_chart
from sopbook.sop.loading import load_bytes
from sopbook.printing.paper import PAPERS
from sopbook.printing.sheets import Sheets, plan_sheets

# every test here prints with Chromium (Ctrl+P or `sopbook pdf`) sheets of a portal it builds
pytestmark = pytest.mark.usefixtures("chromium", "mkdocs")

MM = 72 / 25.4
LONG = "sop/pemerintah-kota-lembar/dinas-pelayanan-terpadu/5.5.34/"
SHORT = "sop/pemerintah-kota-lembar/dinas-pelayanan-terpadu/5.5.3/"
HUGE = "sop/pemerintah-kota-lembar/dinas-pelayanan-terpadu/5.5.8/"


def config(paper: str) -> str:
    return f"""\
site_name: Portal Lembar
site_url: https://sop.contoh.go.id/
docs_dir: docs
theme:
  name: material
  custom_dir: overrides
  font: false
plugins:
  - search
  - sopbook:
      paper: {paper}
"""


@dataclass
class Sheet:
    """One printed page: its text, and the positioned pieces the checks need (PDF points,
    origin at the bottom left)."""

    text: str
    width: float
    height: float
    labels: dict[str, tuple[float, float]] = field(default_factory=dict)  # pentagon label -> (x, y)
    numbers: dict[int, float] = field(default_factory=dict)  # step number in the No column -> y


def sheets_of(data: bytes, scale: float = 1.0) -> list[Sheet]:
    """The printed pages of an SOP printed at `scale` (`Sheets.scale`: its text that much smaller)."""
    pages = []
    for page in PdfReader(io.BytesIO(data)).pages:
        sheet = Sheet("", float(page.mediabox.width), float(page.mediabox.height))

        def visit(text, cm, tm, font, size, sheet=sheet):
            text = text.strip()
            if not text:
                return
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            size /= scale
            if re.fullmatch(r"[A-Z]{1,2}", text) and 10.5 < size < 11.5:  # a pentagon's label (11 px)
                assert text not in sheet.labels, f"label {text} twice on a page"
                sheet.labels[text] = (x, y)
            elif re.fullmatch(r"\d+", text) and 10.2 < size < 11.2 and x < 30 * MM:  # the No column (8 pt)
                sheet.numbers[int(text)] = y

        sheet.text = " ".join(page.extract_text(visitor_text=visit).split())
        pages.append(sheet)
    return pages


def plan(text: str, paper: str) -> Sheets | None:
    sop = load_bytes(text.encode(), "uji.yml").sops[0].sop
    return plan_sheets(sop, build_chart(sop), paper)


def scale_of(text: str, paper: str) -> float:
    """The size the SOP is printed at on `paper` (`sheets.SCALES`)."""
    sheets = plan(text, paper)
    return sheets.scale if sheets is not None else 1.0


def planned(text: str, paper: str) -> tuple[list[int], list[list[str]]]:
    """The planned breaks (rows ending a sheet, 0-based) and each break's pentagon labels."""
    sheets = plan(text, paper)
    assert sheets is not None
    labels = []
    for end in sheets.ends:
        found = re.findall(r'y="100%"[^>]*><g[^>]*><g class="sop-fc-offpage" data-offpage="([^"]+)"',
                           "".join(sheets.cells[end]))
        labels.append(sorted(found))
    return sheets.ends, labels


def check_sheets(data: bytes, text: str, paper: str, steps: int, number: str | None = None) -> None:
    """The checks every printed copy of an SOP with planned breaks must pass (`number`: its
    sheets in a booklet)."""
    pages = sheets_of(data, scale_of(text, paper))
    pages = of_sop(pages, number) if number else pages
    ends, labels = planned(text, paper)
    table = [p for p in pages if "Uraian Prosedur" in p.text]
    assert len(table) == len(ends) + 1, f"{len(table)} sheets with the table, {len(ends) + 1} planned"
    width, height = PAPERS[paper].points
    for sheet in table:
        assert (sheet.width, sheet.height) == pytest.approx((width, height), abs=1)
        for heading in ("Pelaksana", "Mutu Baku", "Kelengkapan", "Keterangan"):
            assert heading in sheet.text  # the two-row header, repeated
    # every row whole, on the sheet planned for it
    first_rows = [0] + [end + 1 for end in ends]
    for index, sheet in enumerate(table):
        last = ends[index] if index < len(ends) else steps - 1
        expected = set(range(first_rows[index] + 1, last + 2))
        assert set(sheet.numbers) == expected, f"sheet {index + 1}: rows {sorted(sheet.numbers)}"
        for number in expected:
            assert re.search(rf"Langkah {number}\b", sheet.text) and re.search(rf"selesai{number}\b", sheet.text)
    # at each break: the same labels at the bottom of a sheet and the top of the next
    for index, wanted in enumerate(labels):
        above, below = table[index], table[index + 1]
        shared = sorted(set(above.labels) & set(below.labels))
        assert wanted and shared == wanted, f"break {index + 1}: printed {shared}, planned {wanted}"
        lowest_row = min(above.numbers.values())
        top_row = max(below.numbers.values())
        for label in wanted:
            x, y = above.labels[label]
            assert y < lowest_row, f"outgoing {label} is below the sheet's last row"
            assert 0 < x < width and 24 * MM - 2 < y, f"outgoing {label} inside the page, above the footer"
            x, y = below.labels[label]
            assert y >= top_row - 1, f"incoming {label} at the top of the next sheet's first row"
            assert 0 < x < width and y < height - 10 * MM + 2
    every = [label for sheet in table for label in sheet.labels]
    assert sorted(set(every)) == sorted(sum(labels, [])), "no pentagon but at a break"


def render(data: bytes, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf = ARTIFACTS / f"{name}.pdf"
    pdf.write_bytes(data)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(ARTIFACTS / name)], check=True)
    pdf.unlink()


def build(root: Path, paper: str) -> SmallSite:
    site = SmallSite(root, config(paper))
    site.add("dinas/5.5.34.yml", long_sop())
    site.add("dinas/5.5.3.yml", SHORT_SOP)
    site.add("dinas/5.5.8.yml", huge_sop())
    done = site.build()
    assert done.returncode == 0, done.stdout + done.stderr
    return site


@pytest.fixture(scope="module")
def a4_site(tmp_path_factory) -> SmallSite:
    return build(tmp_path_factory.mktemp("sheets-a4") / "project", "a4")


@pytest.fixture(scope="module")
def printed_a4(a4_site, browser) -> dict[str, bytes]:
    server = SiteServer(a4_site.site)
    try:
        return {path: browser.print_url(server.url + path) for path in (LONG, SHORT, HUGE)}
    finally:
        server.close()


def sopbook_pdf(site: SmallSite, *args: str) -> bytes:
    done = subprocess.run(
        [sys.executable, "-m", "sopbook.cli", "pdf", "-o", "out", "--workers", "2", *args],
        cwd=site.root, capture_output=True, text=True, env=ENV, timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "fonts-liberation" not in done.stderr
    data = (site.root / "out" / "semua-sop.pdf").read_bytes()
    render(data, "sheets-booklet-" + ("-".join(a.strip("-") for a in args) or "a4"))
    return data


def of_sop(pages: list[Sheet], number: str) -> list[Sheet]:
    return [p for p in pages if re.search(rf"Nomor SOP: {re.escape(number)}(?![\d.])", p.text)]


def test_ctrl_p_a4_puts_pentagon_pairs_exactly_at_the_sheet_breaks(printed_a4):
    data = printed_a4[LONG]
    render(data, "sheets-ctrl-p-a4")
    check_sheets(data, long_sop(), "a4", LONG_STEPS)


def test_ctrl_p_f4_site_puts_pentagon_pairs_exactly_at_the_sheet_breaks(tmp_path, browser):
    site = SmallSite(tmp_path / "project", config("f4"))
    site.add("dinas/5.5.34.yml", long_sop())
    done = site.build()
    assert done.returncode == 0, done.stdout + done.stderr
    server = SiteServer(site.site)
    try:
        data = browser.print_url(server.url + LONG)
    finally:
        server.close()
    render(data, "sheets-ctrl-p-f4")
    check_sheets(data, long_sop(), "f4", LONG_STEPS)


def test_ctrl_p_of_a_seed_sized_sop_has_no_pentagon(printed_a4):
    pages = sheets_of(printed_a4[SHORT])
    assert [p for p in pages if "Uraian Prosedur" in p.text]
    assert all(not p.labels for p in pages)


def test_sopbook_pdf_a4_booklet_puts_pentagon_pairs_at_the_sheet_breaks(a4_site):
    data = sopbook_pdf(a4_site)
    check_sheets(data, long_sop(), "a4", LONG_STEPS, "5.5.34")
    assert all(not p.labels for p in of_sop(sheets_of(data, scale_of(SHORT_SOP, "a4")), "5.5.3"))


def test_sopbook_pdf_on_f4_paper_uses_the_breaks_planned_for_f4(a4_site):
    data = sopbook_pdf(a4_site, "--paper", "f4")
    check_sheets(data, long_sop(), "f4", LONG_STEPS, "5.5.34")
    assert all(not p.labels for p in of_sop(sheets_of(data, scale_of(SHORT_SOP, "f4")), "5.5.3"))


def test_a_step_longer_than_a_sheet_starts_a_sheet_and_the_next_step_another(printed_a4):
    """Such a row cannot be kept whole: Chromium splits it at the sheet's edge. It starts a
    sheet of its own, after a pentagon pair; its connectors and symbol are drawn in a band at
    its top (the outgoing pentagons too, with no line running down the split row), and the
    next step starts a new sheet, with the incoming pentagons of the same labels."""
    data = printed_a4[HUGE]
    render(data, "sheets-ctrl-p-huge")
    pages = [p for p in sheets_of(data, scale_of(huge_sop(), "a4")) if "Uraian Prosedur" in p.text]
    where = {n: i for i, p in enumerate(pages) for n in p.numbers}
    start, after = where[HUGE_STEP], where[HUGE_STEP + 1]
    assert where[HUGE_STEP - 1] == start - 1 and after > start + 1  # the row takes two sheets or more
    assert min(pages[after].numbers) == HUGE_STEP + 1, "the next step starts a sheet"
    before = set(pages[start - 1].labels) & set(pages[start].labels)
    out = set(pages[start].labels) - before
    assert before and out, "pentagon pairs on both sides of the long row"
    assert out == set(pages[after].labels), "the next step's sheet begins with the same labels"
    row_top = pages[start].numbers[HUGE_STEP]
    for label in out:  # in the band at the row's top
        assert row_top - 100 < pages[start].labels[label][1] < row_top
    assert all(not pages[i].labels for i in range(start + 1, after)), "nothing drawn on the sheets in between"


def test_screen_shows_no_pentagon_and_the_unbroken_chart(a4_site, page):
    server = SiteServer(a4_site.site)
    try:
        page.goto(server.url + LONG, width=1366, height=900)
        seen = page.eval("""(() => {
          const shown = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
          return {
            pentagons: [...document.querySelectorAll('.sop-fc-offpage')].filter(shown).length,
            drawn: document.querySelectorAll('.sop-fc-offpage').length,
            variants: [...document.querySelectorAll('svg.sop-fc-paper')].filter(shown).length,
            screen: [...document.querySelectorAll('td[data-print~="split-a4"] > svg.sop-fc-lines:not(.sop-fc-paper)')]
                      .filter(e => !shown(e)).length,
            breaks: [...document.querySelectorAll('tr[data-print~="end-a4"]')]
                      .map(r => getComputedStyle(r).breakAfter).filter(b => b === 'page').length,
            layout: getComputedStyle(document.querySelector('.sop-procedure')).tableLayout,
          };
        })()""")
        assert seen["drawn"] > 0
        assert seen == {"pentagons": 0, "drawn": seen["drawn"], "variants": 0, "screen": 0, "breaks": 0,
                        "layout": "auto"}
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.eval("document.querySelector('#langkah-5').scrollIntoView()")
        page.screenshot(ARTIFACTS / "sheets-screen-1366.png")
        page.send("Emulation.setEmulatedMedia", media="print")
        printed = page.eval("""[...document.querySelectorAll('tr[data-print~="end-a4"]')]
            .map(r => getComputedStyle(r).breakAfter)""")
        assert printed and set(printed) == {"page"}
    finally:
        server.close()


def test_sopbook_pdf_of_a_site_built_for_another_paper_says_so(a4_site):
    done = subprocess.run(
        [sys.executable, "-m", "sopbook.cli", "pdf", "--site", str(a4_site.site), "--paper", "f4", "-o", "out-f4"],
        cwd=a4_site.root, capture_output=True, text=True, env=ENV, timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "dibangun untuk kertas A4" in done.stderr and "F4/Folio" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_print_fonts_have_the_metrics_the_estimate_uses_and_a_wider_font_is_caught():
    from sopbook.printing.chromium import Chromium
    from sopbook.printing.metrics import FONT_PROBE_JS, PRINT_FONT, font_fits

    with Chromium() as chromium:
        tab = chromium.tab()
        tab.set_html("<p>uji</p>")
        ours = tab.evaluate(FONT_PROBE_JS)
        wider = tab.evaluate(FONT_PROBE_JS.replace(PRINT_FONT, "'DejaVu Sans', Verdana"))
    assert font_fits(ours), "install fonts-liberation: the estimate assumes Arial's metrics"
    assert not font_fits(wider)
