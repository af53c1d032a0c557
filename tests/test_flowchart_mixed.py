"""Rows as offices draw them (issue 23), without a browser: a row whose actor columns hold
different symbols (`pelaksana` as a mapping actor -> symbol), text inside a symbol
(`teks_simbol`), branch labels as printed (`label_ya` / `label_tidak`), printed step numbers
(`no`) and several selesai. A Hypothesis test over random mixed rows: every symbol is in its
column and connected, no line crosses a symbol, every connector is one unbroken path."""

from __future__ import annotations


from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from sops import sop_dict
from test_flowchart import TOL, Layout, check_clearances, crosses, layouts, on_boundary, on_diamond, on_segment

from sopbook.drawing.flowchart import ARROW, Arrow, Chart, Label, build_chart, transitions
from sopbook.sop.model import Sop, Symbol

SYMBOLS = ["mulai", "proses", "keputusan", "selesai"]


def sop_of(actors: list[str], steps: list[dict]) -> Sop:
    return Sop.model_validate(sop_dict(nama="uji", pelaksana=actors, langkah=steps))


# The chart read off the model, independently of drawing/ --------------------------------


def order_of(sop: Sop, index: int) -> list[int]:
    """Columns of the row's symbols in the order they are joined."""
    cols = [sop.actors.index(a) for a, _ in sop.symbols_of(index)]
    return cols if sop.steps[index].actor_symbols is not None else sorted(cols)


def exit_of(sop: Sop, index: int) -> int:
    """The column the flow leaves the row from: its diamond, else its last symbol."""
    for actor, symbol in sop.symbols_of(index):
        if symbol is Symbol.DECISION:
            return sop.actors.index(actor)
    return order_of(sop, index)[-1]


def expected(sop: Sop) -> set[tuple[int, int, str | None]]:
    result = set()
    for i, step in enumerate(sop.steps):
        symbol = sop.symbol_of(i)
        if symbol is Symbol.END:
            continue
        if symbol is Symbol.DECISION:
            result |= {(sop.numbers[i], step.yes, step.yes_text), (sop.numbers[i], step.no, step.no_text)}
        elif i + 1 < len(sop.steps):
            result.add((sop.numbers[i], sop.numbers[i + 1], None))
    return result


def check_chart(sop: Sop, chart: Chart, layout: Layout) -> None:
    """Every symbol in its actor's column; every symbol connected (joined in its row, reached
    from the step before or by a branch); no line crosses a symbol; each connector one path."""
    row_of = {n: i for i, n in enumerate(sop.numbers)}
    # 1. each symbol in its column, with its own symbol
    drawn = {(row, col): mark.symbol for (row, col), mark in chart.marks.items()}
    assert drawn == {
        (i, sop.actors.index(a)): s for i in range(len(sop.steps)) for a, s in sop.symbols_of(i)
    }
    lines = layout.lines()
    boxes = {node: layout.box(*node) for node in chart.marks}
    # 2. no line crosses a symbol
    for index, a, b in lines:
        for node, box in boxes.items():
            assert not crosses(a, b, box), f"connector {index} line {a}-{b} crosses symbol {node}"
    arrows = layout.arrows_all()
    for target, tip, _base, row, col in arrows:
        mark = chart.marks[(row, col)]
        assert mark.step == target
        touch = on_diamond if mark.symbol is Symbol.DECISION else on_boundary
        assert touch(tip, boxes[(row, col)]), f"arrow into {target} at {tip} misses {boxes[(row, col)]}"

    def path(own, start_box, start_touch, end_nodes, end_target):
        reached = {k for k, (a, b) in enumerate(own) if start_touch(a, start_box) or start_touch(b, start_box)}
        assert reached, "does not leave its source symbol"
        frontier = list(reached)
        while frontier:
            k = frontier.pop()
            for j, (a, b) in enumerate(own):
                if j not in reached and (
                    any(on_segment(p, *own[k]) for p in (a, b)) or any(on_segment(p, a, b) for p in own[k])
                ):
                    reached.add(j)
                    frontier.append(j)
        bases = [base for tgt, _tip, base, row, col in arrows if tgt == end_target and (row, col) in end_nodes]
        return reached, any(on_segment(base, *own[k]) for k in reached for base in bases)

    # 3. each connector: one unbroken path from its source's exit to an arrow into its target
    for index, t in enumerate(chart.connectors):
        own = [(a, b) for i, a, b in lines if i == index]
        assert own, f"connector {t} has no lines"
        r1 = row_of[t.source]
        source = (r1, exit_of(sop, r1))
        touch = on_diamond if chart.marks[source].symbol is Symbol.DECISION else on_boundary
        reached, arrives = path(own, boxes[source], touch, {(row_of[t.target], order_of(sop, row_of[t.target])[0])}, t.target)
        assert len(reached) == len(own), f"connector {t} is broken into pieces"
        assert arrives, f"connector {t} does not reach an arrow into step {t.target}"
    # 4. each join: from a symbol to an arrow into the next one of its row, in order
    joins = [(a, b) for i, a, b in lines if i == -1]
    for i in range(len(sop.steps)):
        cols = order_of(sop, i)
        assert [(r, a, b) for r, a, b in chart.joins if r == i] == [(i, a, b) for a, b in zip(cols, cols[1:])]
        for a, b in zip(cols, cols[1:]):
            start = boxes[(i, a)]
            touch = on_diamond if chart.marks[(i, a)].symbol is Symbol.DECISION else on_boundary
            near = [(p, q) for p, q in joins if touch(p, start) or touch(q, start)]
            assert near, f"row {i + 1}: no join leaves column {a}"
            ok = False
            for seg in near:
                own = [s for s in joins]
                reached, arrives = path(own, start, touch, {(i, b)}, sop.numbers[i])
                ok = ok or arrives
            assert ok, f"row {i + 1}: the join {a} -> {b} reaches no arrow"
    # 5. labels clear of lines and symbols, parallel lines apart (as for every chart)
    check_clearances(chart, layout, lines, boxes)


def _arrows_all(self: Layout):
    """(target step, tip, base, row, col) of every arrow head, upward ones included."""
    result = []
    for (row, col), pieces in self.chart.cells.items():
        for p in pieces:
            if isinstance(p, Arrow):
                tip = self.point(row, col, p.x, p.y)
                dx, dy = {"down": (0, -ARROW), "up": (0, ARROW), "left": (ARROW, 0), "right": (-ARROW, 0)}[p.direction]
                result.append((p.target, tip, (tip[0] + dx, tip[1] + dy), row, col))
    return result


Layout.arrows_all = _arrows_all  # type: ignore[attr-defined]


def check_all(sop: Sop) -> Chart:
    chart = build_chart(sop)
    assert {(t.source, t.target, t.label) for t in chart.connectors} == expected(sop)
    for layout in layouts(chart, len(sop.steps), len(sop.actors)):
        check_chart(sop, chart, layout)
    return chart


# Examples -------------------------------------------------------------------------------

ACTORS = ["Kepala Bagian Umum", "Sekretaris", "Tim SDM"]


def test_a_row_of_different_symbols_draws_each_in_its_column_joined_in_the_order_written():
    sop = sop_of(ACTORS, [
        {"uraian": "Menerima dan mendistribusikan berkas",
         "pelaksana": {"Kepala Bagian Umum": "mulai", "Tim SDM": "proses", "Sekretaris": "proses"}},
        {"uraian": "Memeriksa", "pelaksana": "Tim SDM", "simbol": "selesai"},
    ])
    chart = check_all(sop)
    assert {col: m.symbol.value for (row, col), m in chart.marks.items() if row == 0} == {
        0: "mulai", 2: "proses", 1: "proses"}
    # Kepala -> Tim SDM passes Sekretaris' symbol: round it along a band; then back to Sekretaris
    assert chart.joins == [(0, 0, 2), (0, 2, 1)]
    # the flow goes on from the last symbol written (Sekretaris)
    assert chart.connectors[0].source == 1 and chart.connectors[0].target == 2


def test_a_decision_beside_another_symbol_branches_from_the_diamond_with_printed_labels_and_text():
    sop = sop_of(ACTORS, [
        {"uraian": "a", "pelaksana": "Kepala Bagian Umum"},
        {"uraian": "b", "pelaksana": {"Sekretaris": "keputusan", "Tim SDM": "proses"},
         "teks_simbol": "Setuju?", "ya": 3, "tidak": 1, "label_ya": "Y", "label_tidak": "T"},
        {"uraian": "c", "pelaksana": "Tim SDM", "simbol": "selesai"},
    ])
    chart = check_all(sop)
    labels = sorted(p.text for ps in chart.cells.values() for p in ps if isinstance(p, Label))
    assert labels == ["T", "Y"]
    diamond = chart.marks[(1, 1)]
    assert diamond.symbol is Symbol.DECISION and diamond.text == ("Setuju?",)
    assert chart.marks[(1, 2)].text == ()  # the text belongs to the diamond
    svg = chart.symbol_svg(1, 1)
    assert ">Setuju?</tspan>" in svg and "aria-label=\"Langkah 2, keputusan, Sekretaris: Setuju?\"" in svg
    html = chart.row_html(1, ACTORS)
    assert "<span>Y → 3</span> <span>T → 1</span>" in html
    assert html.count("sop-sym--keputusan") == 1 and html.count("sop-sym--proses") == 1


def test_printed_numbers_name_the_steps_and_branches_refer_to_them():
    sop = sop_of(ACTORS, [
        {"uraian": "a", "pelaksana": "Kepala Bagian Umum"},
        {"no": 3, "uraian": "b", "pelaksana": "Sekretaris", "simbol": "keputusan", "ya": 5, "tidak": 1},
        {"uraian": "c", "pelaksana": "Tim SDM"},
        {"no": 5, "uraian": "d", "pelaksana": "Tim SDM", "simbol": "selesai"},
    ])
    assert sop.numbers == [1, 3, 4, 5]
    chart = check_all(sop)
    assert sorted(m.step for m in chart.marks.values()) == [1, 3, 4, 5]
    assert {(t.source, t.target) for t in transitions(sop)} == {(1, 3), (3, 5), (3, 1), (4, 5)}


def test_several_selesai_end_the_chart_in_several_places():
    sop = sop_of(ACTORS, [
        {"uraian": "a", "pelaksana": "Kepala Bagian Umum"},
        {"uraian": "b", "pelaksana": {"Sekretaris": "selesai", "Tim SDM": "proses"}},
        {"uraian": "c", "pelaksana": "Tim SDM", "simbol": "selesai"},
        {"uraian": "d", "pelaksana": "Sekretaris", "simbol": "selesai"},
    ])
    chart = check_all(sop)
    assert [m.symbol.value for _, m in sorted(chart.marks.items())].count("selesai") == 3
    assert not [t for t in chart.connectors if t.source in (3, 4)]


# Random mixed rows ----------------------------------------------------------------------


@st.composite
def mixed_sops(draw) -> Sop:
    """1-5 actors, 2-10 steps; rows of one symbol, shared rows, and mappings of mixed symbols
    (at most one keputusan, in any order), decisions to any step, printed numbers that skip."""
    actors = [f"P{i}" for i in range(draw(st.integers(1, 5)))]
    count = draw(st.integers(2, 10))
    numbers, n = [], 0
    for _ in range(count):
        n += draw(st.sampled_from([1, 1, 1, 2]))
        numbers.append(n)
    steps = []
    for i, number in enumerate(numbers):
        others = [m for m in numbers if m != number]
        step: dict = {"uraian": f"L{number}"}
        if number != i + 1:
            step["no"] = number
        kind = draw(st.sampled_from(["satu", "keputusan", "bersama", "campur", "campur"]))
        if kind == "campur" and len(actors) > 1:
            named = draw(st.lists(st.sampled_from(actors), min_size=2, max_size=len(actors), unique=True))
            symbols = [draw(st.sampled_from(["mulai", "proses", "selesai"])) for _ in named]
            if draw(st.booleans()):
                symbols[draw(st.integers(0, len(named) - 1))] = "keputusan"
            step["pelaksana"] = dict(zip(named, symbols))
            if "keputusan" in symbols:
                step |= {"ya": draw(st.sampled_from(others)), "tidak": draw(st.sampled_from(others))}
                if draw(st.booleans()):
                    step |= {"label_ya": "Y", "label_tidak": "T"}
                if draw(st.booleans()):
                    step["teks_simbol"] = draw(st.sampled_from(["Setuju?", "Terentri 100%", "Data terkonfirmasi"]))
        elif kind == "keputusan":
            step |= {"pelaksana": draw(st.sampled_from(actors)), "simbol": "keputusan",
                     "ya": draw(st.sampled_from(others)), "tidak": draw(st.sampled_from(others))}
        elif kind == "bersama" and len(actors) > 1:
            step["pelaksana"] = draw(st.lists(st.sampled_from(actors), min_size=2, max_size=len(actors), unique=True))
        else:
            step["pelaksana"] = draw(st.sampled_from(actors))
            if 0 < i < count - 1 and draw(st.integers(0, 4)) == 0:
                step["simbol"] = "selesai"
        steps.append(step)
    return sop_of(actors, steps)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mixed_sops())
def test_any_mix_of_symbols_in_rows_is_connected_and_no_line_crosses_a_symbol(sop):
    note(repr([(n, s.performers, s.symbol and s.symbol.value, s.yes, s.no) for n, s in zip(sop.numbers, sop.steps)]))
    check_all(sop)


assert TOL  # the tolerance of the shared geometry helpers applies here too
