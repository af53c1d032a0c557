"""sopbook/printing/sheets.py: where the printed procedure table breaks, and the off-page connectors.

Unit checks of the plan (rows packed into sheets, the last row kept with the signature, a row
taller than a sheet on a sheet of its own), of the pentagon pairs placed at each break, and of
what a rendered page carries for printing. The printed result is checked on real PDFs in
test_sheets_pdf.py.
"""

from __future__ import annotations

import re

import pytest

from sops import sop_yaml, step
from sheets_fixtures import DECISION, HUGE_STEP, LONG_STEPS, LOOP_TARGET, SHORT_SOP, huge_sop, long_sop
from sopbook.drawing.flowchart import build_chart
from sopbook.sop.loading import load_bytes
from sopbook.sop.model import Sop
from sopbook.printing.paper import PAPERS
from sopbook.printing.stylesheet import print_stylesheet
from sopbook.printing.breaks import paper_rules, print_breaks
from sopbook.printing.metrics import FONT_PX, text_lines
from sopbook.printing.sheets import (
    Metrics,
    column_widths,
    plan_breaks,
    SCALES,
    plan_sheets,
    row_heights,
)


def sop_of(text: str) -> Sop:
    result = load_bytes(text.encode(), "uji.yml")
    assert not result.problems, result.problems
    return result.sops[0].sop


def labels_in(svg: str, outgoing: bool) -> list[str]:
    """Labels of the pentagons drawn in a cell's print variant (outgoing: at the bottom)."""
    found = []
    for match in re.finditer(r'<svg x="[^"]*" y="([^"]*)%"[^>]*><g[^>]*><g class="sop-fc-offpage" data-offpage="([^"]+)"', svg):
        at_bottom = match.group(1) == "100"
        if at_bottom == outgoing:
            found.append(match.group(2))
    return found


def test_rows_fill_a_sheet_and_go_on_on_the_next():
    assert plan_breaks([100.0] * 10, first=350, rest=450) == [2, 6]
    assert plan_breaks([100.0] * 3, first=350, rest=450) == []


def test_the_last_row_stays_with_the_signature_when_both_fit_on_a_sheet():
    # four rows fit the first sheet, but not with the signature after the last one
    assert plan_breaks([100.0] * 4, first=420, rest=420, tail=50) == [2]
    assert plan_breaks([100.0] * 4, first=450, rest=450, tail=50) == []
    # a signature that fits on no sheet with the last row does not move it
    assert plan_breaks([100.0] * 4, first=420, rest=420, tail=400) == []


def test_a_row_taller_than_a_sheet_gets_a_sheet_of_its_own():
    assert plan_breaks([100, 100, 900, 100], first=400, rest=400) == [1, 2]
    assert plan_breaks([900, 100], first=400, rest=400) == [0]


def test_wider_letters_take_more_lines():
    text = "pemeriksaan berkas permohonan izin usaha " * 3
    assert text_lines(text.upper(), 200) > text_lines(text, 200) > 1
    assert text_lines("a" * 100, 60) >= 100 * 0.55 * FONT_PX // 60  # a word longer than a line is broken anywhere


def test_a_seed_sized_sop_gets_no_break_and_no_pentagon():
    sop = sop_of(SHORT_SOP)
    chart = build_chart(sop)
    breaks = print_breaks(sop, chart)
    assert breaks is None or (not breaks.rows and not breaks.cells)
    assert all(plan_sheets(sop, chart, paper) is None or not plan_sheets(sop, chart, paper).ends for paper in PAPERS)


def test_a_table_filling_little_of_its_sheet_gets_nothing_for_printing():
    sop = sop_of(SHORT_SOP.split("penandatangan:")[0])
    assert print_breaks(sop, build_chart(sop)) is None


@pytest.mark.parametrize("paper", sorted(PAPERS))
def test_every_break_of_a_long_sop_has_its_pentagon_pairs(paper):
    sop = sop_of(long_sop())
    chart = build_chart(sop)
    sheets = plan_sheets(sop, chart, paper)
    assert sheets is not None and len(sheets.ends) >= 3
    assert sheets.ends == sorted(sheets.ends) and sheets.ends[-1] < LONG_STEPS - 1
    seen: list[str] = []
    for end in sheets.ends:
        outgoing = [label for svg in sheets.cells[end] for label in labels_in(svg, outgoing=True)]
        incoming = [label for svg in sheets.cells[end + 1] for label in labels_in(svg, outgoing=False)]
        assert outgoing, f"no connector leaves the sheet after row {end + 1}"
        assert sorted(outgoing) == sorted(incoming)
        assert not set(outgoing) & set(seen), "labels go on from break to break (A, B, C, …)"
        seen += outgoing
    # the loop back from the decision crosses every break between its ends: one more pair there
    crossed = [end for end in sheets.ends if LOOP_TARGET - 1 <= end < DECISION - 1]
    assert crossed
    for end in crossed:
        assert len([x for svg in sheets.cells[end] for x in labels_in(svg, True)]) >= 2


def test_rows_next_to_no_break_keep_the_screen_drawing():
    sop = sop_of(long_sop())
    chart = build_chart(sop)
    sheets = plan_sheets(sop, chart, "a4")
    assert sheets is not None
    near = {r for end in sheets.ends for r in (end, end + 1)}
    assert set(sheets.cells) == near


def test_planned_heights_fit_the_sheet():
    sop = sop_of(long_sop())
    sheets = plan_sheets(sop, build_chart(sop), "a4")
    assert sheets is not None
    metrics = Metrics.of("a4").scaled(sheets.scale)  # the sheet as the SOP's print size lays it out
    heights = row_heights(sop, build_chart(sop), metrics, sheets.columns)
    starts = [0] + [end + 1 for end in sheets.ends]
    stops = sheets.ends + [len(heights) - 1]
    for start, stop in zip(starts, stops):
        assert sum(heights[start:stop + 1]) <= metrics.height


def test_column_widths_fill_the_table_and_fit_every_actor():
    sop = sop_of(long_sop())
    for paper in PAPERS:
        metrics = Metrics.of(paper)
        widths = column_widths(sop, metrics)
        assert len(widths) == 6 + len(sop.actors)
        assert sum(widths) == pytest.approx(metrics.width)
        assert all(w >= 52 for w in widths[2:2 + len(sop.actors)])  # a symbol fits


def test_a_huge_step_sits_alone_between_two_breaks():
    sop = sop_of(huge_sop())
    sheets = plan_sheets(sop, build_chart(sop), "a4")
    assert sheets is not None
    assert HUGE_STEP - 2 in sheets.ends and HUGE_STEP - 1 in sheets.ends


def test_print_stylesheet_forces_the_breaks_planned_for_the_sites_paper():
    css = print_stylesheet("f4")
    assert '.sop-procedure tr[data-print~="end-f4"] { break-after: page; }' in css
    assert "end-a4" not in css
    assert paper_rules("a4") in print_stylesheet("a4")


def test_rendered_page_carries_breaks_and_print_variants_only_for_a_long_sop(small_site):
    small_site.add("dinas/5.5.34.yml", long_sop())
    small_site.add("dinas/5.5.3.yml", SHORT_SOP)
    done = small_site.build()
    assert done.returncode == 0, done.stdout + done.stderr
    page = small_site.page("sop/pemerintah-kota-lembar/dinas-pelayanan-terpadu/5.5.34")
    table = page.select_one("table.sop-procedure")
    assert "sop-paged" in table["class"]
    assert len(table.select("colgroup col")) == 6 + 5
    ends = table.select('tr[data-print~="end-a4"]')
    assert ends and not table.select('tr[data-print~="end-f4"]')  # planned for the site's paper
    assert all(row["class"] == ["sop-step"] for row in table.select("tbody tr"))
    for row in ends:
        following = row.find_next_sibling("tr")
        assert row.select("svg.sop-fc-paper--a4 .sop-fc-offpage")
        assert following.select("svg.sop-fc-paper--a4 .sop-fc-offpage")
    # every pentagon is in a print variant, never in what the screen shows
    for pentagon in page.select(".sop-fc-offpage"):
        assert "sop-fc-paper" in pentagon.find_parent("svg", class_="sop-fc-lines")["class"]
    short = small_site.page("sop/pemerintah-kota-lembar/dinas-pelayanan-terpadu/5.5.3")
    assert not short.select(".sop-fc-paper, .sop-fc-offpage, [data-print]")


def test_many_actors_with_wide_lanes_do_not_starve_the_text_columns():
    actors = [f"Pejabat Pelaksana Kegiatan Nomor {i}" for i in range(1, 9)]
    steps = []
    for i in range(1, 25):
        step = {"uraian": f"Langkah {i} memeriksa berkas", "pelaksana": actors[i % 8]}
        if i % 4 == 0 and i < 24:
            step.update({"simbol": "keputusan", "ya": i + 1, "tidak": i - 2})
        steps.append(step)
    sop = Sop.model_validate({"nama": "Delapan pelaksana", "pelaksana": actors, "langkah": steps})
    chart = build_chart(sop)
    metrics = Metrics.of("a4")
    widths = column_widths(sop, metrics, chart)
    assert sum(chart.col_min_width(c) for c in range(8)) > 0.4 * metrics.width  # the lanes would take it all
    assert widths == column_widths(sop, metrics)  # the actors' narrowest widths, as Chromium's own layout
    assert widths[1] >= 0.1 * metrics.width  # Uraian Prosedur keeps a readable width
    assert sum(widths) == pytest.approx(metrics.width)


def test_a_short_table_too_crowded_for_its_words_is_printed_with_planned_widths():
    """Ten actors named by long single words: left to the browser (whole words only), the
    table would be wider than the sheet; it gets the planned widths, and only the header words
    wider than their column get soft hyphens, at syllable boundaries."""
    actors = [f"Pengadministrasian{'Kepegawaian' if i % 2 else 'Perlengkapan'}{i}" for i in range(10)]
    sop = sop_of(sop_yaml(langkah=[step("Bekerja", actor) for actor in actors[:3]], pelaksana=actors))
    chart = build_chart(sop)
    breaks = print_breaks(sop, chart)
    assert breaks is not None and not breaks.rows  # planned widths, no sheet break
    assert len(breaks.headers) == len(actors)
    for actor, header in zip(actors, breaks.headers):
        assert str(header).replace("\u00ad", "") == actor
        assert "\u00ad" in str(header)  # too wide for its tenth of the sheet
    small = sop_of(sop_yaml(langkah=[step("Bekerja", "Staf"), step("Menyetujui", "Sekretaris")]))
    assert print_breaks(small, build_chart(small)) is None  # room to spare: nothing for print


def test_an_sop_shrinks_only_to_save_a_sheet_and_never_below_the_smallest_size():
    sop = sop_of(long_sop())
    chart = build_chart(sop)
    full = plan_sheets(sop, chart, "a4", scale=1.0)
    chosen = plan_sheets(sop, chart, "a4")
    assert full is not None and chosen is not None
    assert chosen.scale < 1 and chosen.count < full.count  # smaller because it saves sheets
    for size in SCALES:
        if size > chosen.scale:  # every larger size takes more sheets
            assert plan_sheets(sop, chart, "a4", scale=size).count > chosen.count
    assert plan_sheets(sop, chart, "a4", min_size=8).scale == 1  # the site asks for full size
    assert plan_sheets(sop, chart, "a4", min_size=7).scale >= 7 / 8
    assert chosen.scale >= min(SCALES) == 6 / 8
    short = sop_of(SHORT_SOP)  # one sheet at full size: nothing to save
    assert all(p is None or p.scale == 1 for p in (plan_sheets(short, build_chart(short), x) for x in PAPERS))


def test_the_printed_page_carries_its_print_size_and_the_site_can_forbid_shrinking(small_site):
    small_site.add("dinas/5.5.34.yml", long_sop())
    small_site.add("dinas/5.5.3.yml", SHORT_SOP)
    assert small_site.build().returncode == 0
    long_page = small_site.page("sop/pemerintah-kota-lembar/dinas-pelayanan-terpadu/5.5.34")
    zoom = long_page.select_one("article.sop")["style"]
    assert re.fullmatch(r"--sop-zoom-a4: 0\.\d+", zoom)
    short = small_site.page("sop/pemerintah-kota-lembar/dinas-pelayanan-terpadu/5.5.3")
    assert not short.select_one("article.sop").get("style")
    css = (small_site.site / "assets/sopbook/print.css").read_text()
    assert "article.sop { zoom: var(--sop-zoom-a4, 1); }" in css
    config = small_site.root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - sopbook", "  - sopbook:\n      print_min_size: 8"))
    assert small_site.build().returncode == 0
    long_page = small_site.page("sop/pemerintah-kota-lembar/dinas-pelayanan-terpadu/5.5.34")
    assert not long_page.select_one("article.sop").get("style")
