"""The connected flowchart (sopbook/drawing/flowchart.py), without a browser: which arrows the chart
has, and the routed geometry laid out on tables of several cell sizes: every connector is one
unbroken path from its source symbol to an arrow head touching its target symbol, no line
crosses a symbol, parallel lines keep apart; off-page splits, accessible names, escaping."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sopbook.portal.catalogue import Catalogue
from sopbook.drawing.flowchart import (
    ARROW,
    LABEL_CHAR,
    Label,
    Arrow,
    Chart,
    Coord,
    Line,
    OffPage,
    Transition,
    build_chart,
    split_chart,
    transitions,
)
from sopbook.sop.loading import LoadedSop, Positions, load_paths
from sopbook.sop.model import Sop
from sopbook.render import Renderer

# Structure of the five seed SOPs (actors and steps as transcribed; descriptions left out),
# owned by this test: changes to content/ do not change them.
SEEDS = {
    "3.1.2.6": (
        ["Kepala Dinas", "Sekretaris", "Kabid", "Kasubag", "JFU"],
        ["Kepala Dinas", "Sekretaris", "Kasubag", "JFU", "Kasubag", "Sekretaris", "Kepala Dinas", "JFU"],
        {},
    ),
    "27.7.1.13": (
        ["Lurah", "Sekretaris", "JFU"],
        ["Lurah", "Sekretaris", "JFU", "Sekretaris", "Lurah", "JFU"],
        {},
    ),
    "28.8.1.10": (
        ["Lurah", "Sekretaris", "JFU"],
        ["Lurah", "Sekretaris", "JFU", "Sekretaris", "Lurah", "JFU"],
        {},
    ),
    "BKPSDM.1.7-2017": (
        ["Kepala BKPSDM", "Sekretaris", "Kasubag Perencanaan dan Keuangan", "Staf", "Bidang-bidang",
         "Bagian Organisasi/Inspektorat"],
        ["Sekretaris", "Kepala BKPSDM", "Staf", "Staf", "Kasubag Perencanaan dan Keuangan",
         "Kepala BKPSDM", "Staf", "Bagian Organisasi/Inspektorat"],
        {},
    ),
    "LKj": (
        ["Kasat", "Sekretaris", "Kasubbag", "Tim Kerja"],
        ["Kasat", "Sekretaris", "Kasubbag", "Tim Kerja", "Kasubbag", "Sekretaris", "Kasat", "Kasubbag"],
        {7: {"simbol": "keputusan", "ya": 8, "tidak": 6}},
    ),
}

SEED_TRANSITIONS = {
    "3.1.2.6": {(n, n + 1, None) for n in range(1, 8)},
    "27.7.1.13": {(n, n + 1, None) for n in range(1, 6)},
    "28.8.1.10": {(n, n + 1, None) for n in range(1, 6)},
    "BKPSDM.1.7-2017": {(n, n + 1, None) for n in range(1, 8)},
    "LKj": {(n, n + 1, None) for n in range(1, 7)} | {(7, 8, "Ya"), (7, 6, "Tidak")},
}


def seed(name: str) -> Sop:
    actors, step_actors, extra = SEEDS[name]
    steps = [
        {"uraian": f"Langkah {i}", "pelaksana": actor, **extra.get(i, {})}
        for i, actor in enumerate(step_actors, start=1)
    ]
    return Sop.model_validate({"nama": name, "pelaksana": actors, "langkah": steps})


# Two decisions, two loops back (2 -> 1 and 4 -> 2), an actor with one step (Kepala Dinas).
LOOPS = Sop.model_validate(
    {
        "nama": "Pelayanan izin dengan pemeriksaan berkas",
        "pelaksana": ["Pemohon", "Petugas Loket", "Kepala Seksi", "Kepala Dinas"],
        "langkah": [
            {"uraian": "Mengajukan permohonan", "pelaksana": "Pemohon"},
            {"uraian": "Memeriksa kelengkapan berkas", "pelaksana": "Petugas Loket",
             "simbol": "keputusan", "ya": 3, "tidak": 1},
            {"uraian": "Memverifikasi berkas", "pelaksana": "Kepala Seksi"},
            {"uraian": "Berkas sesuai?", "pelaksana": "Kepala Seksi", "simbol": "keputusan", "ya": 5, "tidak": 2},
            {"uraian": "Menandatangani izin", "pelaksana": "Kepala Dinas"},
            {"uraian": "Menerima izin", "pelaksana": "Pemohon"},
        ],
    }
)

# A jump ahead (2 -> 5), a step shared by two actors (3: Kasi then Staf), a loop (4 -> 1)
# whose target's side is free, an end in the middle (5) that nothing follows.
SHARED = Sop.model_validate(
    {
        "nama": "Langkah bersama",
        "pelaksana": ["Kasi", "Sekretaris", "Staf"],
        "langkah": [
            {"uraian": "Mulai", "pelaksana": "Sekretaris"},
            {"uraian": "Perlu dibahas?", "pelaksana": "Sekretaris", "simbol": "keputusan", "ya": 3, "tidak": 5},
            {"uraian": "Membahas bersama", "pelaksana": ["Kasi", "Staf"]},
            {"uraian": "Sudah sepakat?", "pelaksana": "Staf", "simbol": "keputusan", "ya": 5, "tidak": 1},
            {"uraian": "Selesai", "pelaksana": "Kasi"},
        ],
    }
)


def as_set(items: list[Transition]) -> set[tuple[int, int, str | None]]:
    return {(t.source, t.target, t.label) for t in items}


def expected(sop: Sop) -> set[tuple[int, int, str | None]]:
    """The transitions read off the model, independently of flowchart.py."""
    result = set()
    for i, step in enumerate(sop.steps, start=1):
        symbol = sop.symbol_of(i - 1).value
        if symbol == "selesai":
            continue
        if symbol == "keputusan":
            result |= {(i, step.yes, "Ya"), (i, step.no, "Tidak")}
        elif i < len(sop.steps):
            result.add((i, i + 1, None))
    return result


# Geometry: the chart laid out on a table -------------------------------------------------

TOL = 1.6  # px: lines run OVERLAP (1 px) past a cell's edge, over the border


class Layout:
    """The chart placed in a table whose columns and rows have the given sizes (px)."""

    def __init__(self, chart: Chart, widths: list[float], heights: list[float]) -> None:
        self.chart = chart
        self.widths, self.heights = widths, heights
        self.left = [sum(widths[:c]) for c in range(len(widths))]
        self.top = [sum(heights[:r]) for r in range(len(heights))]

    def point(self, row: int, col: int, x: Coord, y: Coord) -> tuple[float, float]:
        return (self.left[col] + x.at(self.widths[col]), self.top[row] + y.at(self.heights[row]))

    def box(self, row: int, col: int) -> tuple[float, float, float, float]:
        left, top, right, bottom = self.chart.marks[(row, col)].box(self.widths[col], self.heights[row])
        return (left + self.left[col], top + self.top[row], right + self.left[col], bottom + self.top[row])

    def lines(self) -> list[tuple[int, tuple[float, float], tuple[float, float]]]:
        result = []
        for (row, col), pieces in self.chart.cells.items():
            for p in pieces:
                if isinstance(p, Line):
                    result.append(
                        (p.connector, self.point(row, col, p.x1, p.y1), self.point(row, col, p.x2, p.y2))
                    )
        return result

    def arrows(self) -> list[tuple[int, tuple[float, float], tuple[float, float], int, int]]:
        """(target step, tip, base, row, col) of every arrow head."""
        result = []
        for (row, col), pieces in self.chart.cells.items():
            for p in pieces:
                if isinstance(p, Arrow):
                    tip = self.point(row, col, p.x, p.y)
                    dx, dy = {"down": (0, -ARROW), "left": (ARROW, 0), "right": (-ARROW, 0)}[p.direction]
                    result.append((p.target, tip, (tip[0] + dx, tip[1] + dy), row, col))
        return result


def crosses(a: tuple[float, float], b: tuple[float, float], box: tuple[float, float, float, float]) -> bool:
    """Whether the axis-parallel segment a-b enters the box's interior (touching is fine)."""
    left, top, right, bottom = box
    (x1, y1), (x2, y2) = a, b
    if abs(x1 - x2) > 0.01 and abs(y1 - y2) > 0.01:
        raise AssertionError(f"segment {a}-{b} is not orthogonal")
    lo_x, hi_x = sorted((x1, x2))
    lo_y, hi_y = sorted((y1, y2))
    e = 0.5
    return lo_x < right - e and hi_x > left + e and lo_y < bottom - e and hi_y > top + e


def on_segment(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> bool:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    return (
        min(x1, x2) - TOL <= x <= max(x1, x2) + TOL
        and min(y1, y2) - TOL <= y <= max(y1, y2) + TOL
        and (abs(x1 - x2) < 0.01 and abs(x - x1) <= TOL or abs(y1 - y2) < 0.01 and abs(y - y1) <= TOL)
    )


def on_boundary(p: tuple[float, float], box: tuple[float, float, float, float], tol: float = 0.5) -> bool:
    left, top, right, bottom = box
    x, y = p
    inside = left - tol <= x <= right + tol and top - tol <= y <= bottom + tol
    edge = min(abs(x - left), abs(x - right), abs(y - top), abs(y - bottom)) <= tol
    return inside and edge


def on_diamond(p: tuple[float, float], box: tuple[float, float, float, float], tol: float = 0.5) -> bool:
    left, top, right, bottom = box
    cx, cy, hw, hh = (left + right) / 2, (top + bottom) / 2, (right - left) / 2, (bottom - top) / 2
    return abs(abs(p[0] - cx) / hw + abs(p[1] - cy) / hh - 1) * min(hw, hh) <= tol


def entry_col(sop: Sop, step: int) -> int:
    return min(sop.actors.index(a) for a in sop.steps[step - 1].actors)


def exit_col(sop: Sop, step: int) -> int:
    return max(sop.actors.index(a) for a in sop.steps[step - 1].actors)


def check_geometry(sop: Sop, chart: Chart, layout: Layout) -> None:
    lines = layout.lines()
    boxes = {node: layout.box(*node) for node in chart.marks}
    # 1. no line crosses a symbol
    for index, a, b in lines:
        for node, box in boxes.items():
            assert not crosses(a, b, box), f"connector {index} line {a}-{b} crosses symbol {node}"
    # 2. every arrow's tip touches its target symbol (a diamond at its outline)
    arrows = layout.arrows()
    for target, tip, _base, row, col in arrows:
        mark = chart.marks[(row, col)]
        assert mark.step == target
        touch = on_diamond if mark.symbol.value == "keputusan" else on_boundary
        assert touch(tip, boxes[(row, col)]), f"arrow into {target} at {tip} misses {boxes[(row, col)]}"
    # 3. each connector is one unbroken path from its source symbol to an arrow into its target
    for index, t in enumerate(chart.connectors):
        own = [(a, b) for i, a, b in lines if i == index]
        assert own, f"connector {t} has no lines"
        source_box = boxes[(t.source - 1, exit_col(sop, t.source))]
        touch = on_diamond if sop.symbol_of(t.source - 1).value == "keputusan" else on_boundary
        reached = {k for k, (a, b) in enumerate(own) if touch(a, source_box) or touch(b, source_box)}
        assert reached, f"connector {t} does not leave its source symbol"
        frontier = list(reached)
        while frontier:
            k = frontier.pop()
            for j, (a, b) in enumerate(own):
                if j not in reached and any(
                    on_segment(p, *own[k]) for p in (a, b)
                ) or j not in reached and any(on_segment(p, a, b) for p in own[k]):
                    reached.add(j)
                    frontier.append(j)
        assert len(reached) == len(own), f"connector {t} is broken into pieces"
        target_node = (t.target - 1, entry_col(sop, t.target))
        bases = [base for tgt, _tip, base, row, col in arrows if tgt == t.target and (row, col) == target_node]
        assert any(
            on_segment(base, *own[k]) for k in reached for base in bases
        ), f"connector {t} does not reach an arrow into step {t.target}"
    # 4. branch labels clear of lines and symbols, parallel lines apart
    check_clearances(chart, layout, lines, boxes)


def check_clearances(chart: Chart, layout: Layout, lines: list, boxes: dict) -> None:
    """Branch labels (10 px text) stay clear of every line and symbol; parallel lines of
    different connectors keep apart, unless they merge into one target."""
    for (row, col), pieces in chart.cells.items():
        for p in pieces:
            if isinstance(p, Label):
                x, y = layout.point(row, col, p.x, p.y)
                width = len(p.text) * LABEL_CHAR
                left = x if p.anchor == "start" else x - width
                box = (left, y - 9, left + width, y + 1)
                for index, a, b in lines:
                    assert not crosses(a, b, box), f"label {p.text!r} of row {row + 1} on a line"
                for node, symbol_box in boxes.items():
                    assert not crosses((left, y - 4), (left + width, y - 4), symbol_box), f"label on {node}"
    # parallel lines of different connectors keep apart, unless they merge into one target
    for (i, a1, b1), (j, a2, b2) in itertools.combinations(lines, 2):
        if i == j or i < 0 or j < 0:
            continue
        vertical1, vertical2 = abs(a1[0] - b1[0]) < 0.01, abs(a2[0] - b2[0]) < 0.01
        if vertical1 != vertical2:
            continue
        axis, other = (0, 1) if vertical1 else (1, 0)
        if abs(a1[axis] - a2[axis]) >= 3:
            continue
        lo = max(min(a1[other], b1[other]), min(a2[other], b2[other]))
        hi = min(max(a1[other], b1[other]), max(a2[other], b2[other]))
        if hi - lo > 2:
            ti, tj = chart.connectors[i], chart.connectors[j]
            assert ti.target == tj.target, f"{ti} and {tj} run on top of each other at {a1}-{b1}"


def layouts(chart: Chart, rows: int, cols: int) -> list[Layout]:
    w, h = chart.min_width, chart.min_height
    lowest = [chart.row_min_height(r) for r in range(rows)]  # each row as low as it may be
    return [
        Layout(chart, [w] * cols, lowest),
        Layout(chart, [w] * cols, [h] * rows),
        Layout(chart, [w * 2.5] * cols, [h * 3] * rows),
        Layout(chart, [w + 37 * (c % 3) for c in range(cols)], [h + 91 * (r % 2) for r in range(rows)]),
    ]


# Tests --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_every_seed_has_the_expected_connectors_and_a_clean_routing(name):
    sop = seed(name)
    chart = build_chart(sop)
    assert as_set(transitions(sop)) == SEED_TRANSITIONS[name] == as_set(chart.connectors)
    assert sorted(m.step for m in chart.marks.values()) == list(range(1, len(sop.steps) + 1))
    for layout in layouts(chart, len(sop.steps), len(sop.actors)):
        check_geometry(sop, chart, layout)


def test_decision_sop_with_two_loops_back():
    chart = build_chart(LOOPS)
    assert as_set(chart.connectors) == {
        (1, 2, None), (2, 3, "Ya"), (2, 1, "Tidak"), (3, 4, None),
        (4, 5, "Ya"), (4, 2, "Tidak"), (5, 6, None),
    } == expected(LOOPS)
    for layout in layouts(chart, 6, 4):
        check_geometry(LOOPS, chart, layout)
    # both loops run up a side channel, in separate lanes where they overlap
    arrows_into: dict[int, list[str]] = {}
    for (row, col), pieces in chart.cells.items():
        for p in pieces:
            if isinstance(p, Arrow):
                arrows_into.setdefault(p.target, []).append(p.direction)
    assert sorted(arrows_into[1]) == ["left"]  # 2 -> 1 comes in from the side
    assert sorted(arrows_into[2]) == ["down", "down"]  # from 1, and the loop from 4 into the top
    assert chart.channel_lanes >= 1 and chart.top_lanes == 1
    labels = [p.text for ps in chart.cells.values() for p in ps if isinstance(p, Label)]
    assert sorted(labels) == ["Tidak", "Tidak", "Ya", "Ya"]


def test_shared_step_has_a_symbol_per_actor_joined_left_to_right():
    chart = build_chart(SHARED)
    assert [(m.step, col) for (row, col), m in sorted(chart.marks.items()) if row == 2] == [(3, 0), (3, 2)]
    assert chart.joins == [(2, 0, 2)]
    assert as_set(chart.connectors) == expected(SHARED)
    assert not [t for t in chart.connectors if t.source == 5]  # nothing after selesai
    for layout in layouts(chart, 5, 3):
        check_geometry(SHARED, chart, layout)
        # the join: a line from the left symbol's right side to an arrow into the right one
        joins = [(a, b) for i, a, b in layout.lines() if i == -1]
        left, right = layout.box(2, 0), layout.box(2, 2)
        assert any(on_boundary(a, left) for a, _ in joins)
        assert any(
            on_segment((right[0] - ARROW, (right[1] + right[3]) / 2), a, b) for a, b in joins
        )


def test_the_geometry_check_catches_a_line_through_a_symbol_and_a_broken_connector():
    chart = build_chart(LOOPS)
    layout = layouts(chart, 6, 4)[0]
    chart.cells[(2, 2)].append(Line(Coord(0), Coord(50), Coord(100), Coord(50), 3))
    with pytest.raises(AssertionError, match="crosses symbol"):
        check_geometry(LOOPS, chart, layout)
    chart = build_chart(LOOPS)
    assert chart.connectors[5] == Transition(4, 2, "Tidak")  # its channel passes row 3 (index 2)
    chart.cells[(2, 2)] = [p for p in chart.cells[(2, 2)] if not (isinstance(p, Line) and p.connector == 5)]
    with pytest.raises(AssertionError, match="broken"):
        check_geometry(LOOPS, chart, layouts(chart, 6, 4)[0])


def test_every_sop_in_the_portal_routes_cleanly():
    """Holds for any valid content/: connectors follow the model, the routing is clean."""
    result = load_paths([Path(__file__).parent.parent / "content"])
    assert not result.problems
    for loaded in result.sops:
        sop = loaded.sop
        chart = build_chart(sop)
        assert as_set(chart.connectors) == expected(sop), loaded.path
        for layout in layouts(chart, len(sop.steps), len(sop.actors)):
            check_geometry(sop, chart, layout)


def test_split_between_two_rows_emits_a_matching_pair_of_off_page_connectors():
    chart = build_chart(LOOPS)
    upper, lower = split_chart(chart, 2)  # after step 3
    assert upper.rows == 3 and lower.rows == 3 and lower.first_row == 3
    assert sorted(m.step for m in upper.marks.values()) == [1, 2, 3]
    assert sorted(m.step for m in lower.marks.values()) == [4, 5, 6]
    out = {p.label: (row, col, p.x) for (row, col), ps in upper.cells.items() for p in ps
           if isinstance(p, OffPage) and p.outgoing}
    into = {p.label: (row, col, p.x) for (row, col), ps in lower.cells.items() for p in ps
            if isinstance(p, OffPage) and not p.outgoing}
    # 3 -> 4 goes down, the loop 4 -> 2 goes up: two crossings, two pairs in the same columns
    assert sorted(out) == sorted(into) == ["A", "B"]
    for label in out:
        assert out[label][0] == 2 and into[label][0] == 0
        assert out[label][1:] == into[label][1:]
    svg = upper.cell_svg(*out["A"][:2])
    assert 'data-offpage="A"' in svg and "<polygon" in svg
    with pytest.raises(ValueError):
        split_chart(chart, 5)


def test_split_after_a_band_cuts_the_line_at_the_pentagon():
    # 1 -> 2 runs along the band of row 1 and drops into step 2's column: split right there
    upper, lower = split_chart(build_chart(LOOPS), 0)
    drops = [p for p in upper.pieces(0, 1) if isinstance(p, Line) and p.x1 == p.x2]
    pentagons = {p.x: p for p in upper.pieces(0, 1) if isinstance(p, OffPage)}
    # two crossings in this column: 1 -> 2 at its centre, the loop 2 -> 1 in its side channel
    assert sorted(p.label for p in pentagons.values()) == ["A", "B"]
    assert pentagons[Coord(50)].outgoing and pentagons[Coord(100, -6)].outgoing
    # the drop from the band now ends at the pentagon's top, 14 px above the cell's edge
    assert [(p.y1, p.y2) for p in drops if p.connector == 0] == [(Coord(100, -8), Coord(100, -14))]
    into = [p for p in lower.pieces(0, 1) if isinstance(p, Line) and p.connector == 0]
    assert [p.y1 for p in into] == [Coord(0, 14)]
    # the lower part renders by step index: row(1) is step 2's row
    cells = lower.row(1)
    assert 'data-step="2"' in cells[1][1] and 'data-offpage="' in cells[1][0]


def test_symbols_carry_number_accessible_name_and_title():
    chart = build_chart(LOOPS)
    svg = chart.symbol_svg(1, 1)
    assert 'role="img"' in svg and 'aria-label="Langkah 2, keputusan, Petugas Loket"' in svg
    assert "<title>Langkah 2, keputusan, Petugas Loket</title>" in svg
    assert "<desc>Ya ke langkah 3, Tidak ke langkah 1</desc>" in svg
    assert re.search(r'<text class="sop-fc-number"[^>]*>2</text>', svg)
    assert chart.symbol_svg(1, 0) == ""  # no symbol in another actor's cell
    lines = chart.cell_svg(1, 1)
    assert 'aria-hidden="true"' in lines and "calc(" not in lines and "<script" not in lines


def test_text_from_yaml_is_escaped_in_the_svg():
    actor = '"><script>alert(1)</script><x a="'
    sop = Sop.model_validate(
        {"nama": "x", "pelaksana": [actor, "B"],
         "langkah": [{"uraian": "a", "pelaksana": actor}, {"uraian": "b", "pelaksana": "B"}]}
    )
    svg = build_chart(sop).symbol_svg(0, 0)
    assert "<script>" not in svg and "&lt;script&gt;" in svg and 'a="' not in svg.replace('a="-', "")


def entry_for(sop: Sop):
    return Catalogue([LoadedSop(sop, Path("x.yml"), "x.yml", Positions())]).entries[0]


def test_renderer_draws_the_connected_chart_or_symbols_only():
    entry = entry_for(LOOPS)
    connected = Renderer().sop_page(entry, url=lambda p: p)
    assert connected.count('class="sop-fc-symbol') == 6
    assert connected.count("sop-fc-arrow") == 7  # one arrow head per connector, no shared step
    assert "sop-fc-table" in connected
    symbols = Renderer(flowchart="symbols").sop_page(entry, url=lambda p: p)
    assert "sop-fc" not in symbols and symbols.count('class="sop-sym ') == 6
    assert connected.count('class="sop-sym ') == 6  # the same symbol class, one per step
    assert "Ya → 3" in symbols
    with pytest.raises(ValueError, match="connected, symbols"):
        Renderer(flowchart="garis")


@st.composite
def random_sops(draw) -> Sop:
    """Any valid SOP shape: 1-6 actors, 2-14 steps, shared steps, decisions to any step."""
    actors = [f"P{i}" for i in range(draw(st.integers(1, 6)))]
    count = draw(st.integers(2, 14))
    steps = []
    for number in range(1, count + 1):
        kind = draw(st.sampled_from(["proses", "proses", "keputusan", "bersama", "selesai"]))
        if kind == "keputusan" and count > 2:
            others = [n for n in range(1, count + 1) if n != number]
            steps.append({"uraian": f"L{number}", "pelaksana": draw(st.sampled_from(actors)),
                          "simbol": "keputusan", "ya": draw(st.sampled_from(others)),
                          "tidak": draw(st.sampled_from(others))})
        elif kind == "bersama" and len(actors) > 1:
            named = draw(st.lists(st.sampled_from(actors), min_size=2, max_size=len(actors), unique=True))
            steps.append({"uraian": f"L{number}", "pelaksana": named})
        else:
            step = {"uraian": f"L{number}", "pelaksana": draw(st.sampled_from(actors))}
            if kind == "selesai" and 1 < number < count:
                step["simbol"] = "selesai"
            steps.append(step)
    return Sop.model_validate({"nama": "acak", "pelaksana": actors, "langkah": steps})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_sops())
def test_any_sop_shape_routes_cleanly(sop):
    chart = build_chart(sop)
    assert as_set(chart.connectors) == expected(sop)
    for layout in layouts(chart, len(sop.steps), len(sop.actors)):
        check_geometry(sop, chart, layout)
