"""The hand transcriptions of tests/realcharts printed by Chromium (Ctrl+P, A4 landscape): in
the PDF, every step row draws its symbols in the actor columns the signed document shows them
in (`realcharts/expected.yml`), and a diamond shows its text.

The PDF is read as words with their boxes (`pdftotext -bbox`): a symbol is the step's printed
number drawn inside it (or the words of its `teks_simbol`), inside the row's band (from its
number in the No column to the next row's, or the sheet's footer) and left of the Mutu Baku columns. Each actor's
symbols must share one x position on every sheet, the actors' positions must run left to right
in the order of the columns, and each row must hold exactly the expected actors' symbols.
"""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pytest
from conftest import SmallSite
from test_realcharts import EXPECTED, FILES, HERE, loaded

from browser import ARTIFACTS, SiteServer
from sopbook.portal.catalogue import Catalogue

pytestmark = pytest.mark.usefixtures("chromium", "mkdocs")


@pytest.fixture(scope="module")
def site(tmp_path_factory, mkdocs):
    project = SmallSite(tmp_path_factory.mktemp("realcharts") / "project")
    for name in FILES:
        project.add(name, (HERE / name).read_text())
    done = project.build()
    assert done.returncode == 0, done.stdout + done.stderr
    server = SiteServer(project.site)
    yield server, project.site
    server.close()


def words_of(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Per page: (x0, y0, x1, y1, text) of every word."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in out.split("<page ")[1:]:
        pages.append([
            (float(a), float(b), float(c), float(d), html.unescape(t))
            for a, b, c, d, t in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', page)
        ])
    return pages


def symbols_in_pdf(pdf: Path, sop) -> dict[int, list[float]]:
    """{printed step number: x centres of the symbols drawn in its row}, over all sheets."""
    found: dict[int, list[float]] = {}
    numbers = sop.numbers
    for words in words_of(pdf):
        heads = [w for w in words if w[4] == "Kelengkapan"]
        uraian = [w for w in words if w[4] == "Uraian"]
        if not heads or not uraian:
            continue  # not a sheet of the procedure table
        right = heads[0][0]  # the Mutu Baku columns start here
        left_no = uraian[0][0]  # the No column lies left of the Uraian heading
        rows = sorted(
            (w[1], int(w[4])) for w in words
            if w[4].isdigit() and w[2] < left_no and int(w[4]) in numbers and w[1] > uraian[0][3]
        )
        # the sheet's footer: "Halaman x dari y" and, beside it, the lines "Nomor SOP: … · Versi 2", …
        page_line = min((w[1] for w in words if w[4] == "Halaman"), default=float("inf"))
        footer = min([page_line, *(w[1] for w in words if w[4] == "Nomor" and page_line - 20 < w[1] <= page_line)])
        for k, (top, number) in enumerate(rows):
            bottom = rows[k + 1][0] if k + 1 < len(rows) else footer
            step = sop.steps[numbers.index(number)]
            inside = set(step.symbol_text.split()) if step.symbol_text else set()
            xs: list[tuple[float, float]] = []  # (left, right) of each symbol's text
            for x0, y0, x1, y1, text in words:
                if not (top - 2 <= y0 < bottom - 2 and x1 < right and x0 > left_no):
                    continue
                if text == str(number) or text in inside:
                    # the words of one symbol's text (side by side, or lines centred): one symbol
                    same = [k for k, (a, b) in enumerate(xs) if x0 <= b + 6 and x1 >= a - 6]
                    if same:
                        a, b = xs[same[0]]
                        xs[same[0]] = (min(a, x0), max(b, x1))
                    else:
                        xs.append((x0, x1))
            found.setdefault(number, []).extend(sorted((a + b) / 2 for a, b in xs))
    return found


@pytest.mark.parametrize("name", FILES)
def test_printed_pdf_shows_each_symbol_in_the_column_the_document_shows_it(site, browser, name, tmp_path):
    server, _root = site
    item = loaded(name)
    sop = item.sop
    url = server.url + Catalogue([item]).entries[0].path
    pdf = ARTIFACTS / f"realcharts-{Path(name).stem}.pdf"
    pdf.parent.mkdir(parents=True, exist_ok=True)
    pdf.write_bytes(browser.print_url(url))
    found = symbols_in_pdf(pdf, sop)
    expected = EXPECTED[name]
    assert sorted(found) == sorted(expected), "every step row is printed"
    positions: dict[str, list[float]] = {}
    for number, actors in expected.items():
        in_order = sorted(actors, key=sop.actors.index)
        assert len(found[number]) == len(in_order), f"step {number}: {found[number]} for {in_order}"
        for actor, x in zip(in_order, found[number]):
            positions.setdefault(actor, []).append(x)
    for actor, xs in positions.items():
        assert max(xs) - min(xs) < 4, f"{actor}'s symbols are not in one column: {xs}"
    centres = [sum(positions[a]) / len(positions[a]) for a in sop.actors if a in positions]
    assert centres == sorted(centres) and len(set(round(c) for c in centres)) == len(centres)
