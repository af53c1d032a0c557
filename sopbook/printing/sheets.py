"""Printed sheets of the procedure table: where pages break, and the off-page connectors there.

A browser cannot tell a build where it will break the pages of a printed SOP, so the build
decides and forces the breaks itself, for the site's `paper`. From the print stylesheet's
layout (`assets/print.css`: the paper's printable area, 8 pt text in Arial's metrics, column
widths, cell padding) this module estimates, conservatively, the printed height of every step
row of the procedure table, the repeated two-row header, the "Prosedur" heading above the
table on its first sheet and what must stay with the last row (the total row and the
signature). It then packs the rows into sheets.

A table that nearly fills a sheet or more (`FIXED_FROM`) is printed with exactly the column
widths the estimate used (`column_widths`: `table-layout: fixed`, a `<col>` per column), so
that no row is taller on paper than planned. At each break the print variant of the two
rows' actor cells comes from `flowchart.split_chart`: every connector that crosses the break
ends at an outgoing off-page connector (pentagon, A, B, ...) at the bottom of the sheet and
goes on from an incoming one with the same label at the top of the next sheet. The template
writes these variants beside the screen's unbroken chart and marks the rows and cells with
`data-print` tokens; `paper_rules` (appended to print.css) shows the variants on paper and
forces `break-after: page` on the last row of each sheet.

The plan counts the sheets of the whole SOP (the front of `front.py`, then the table) and,
when a smaller print size (`SCALES`, down to the site's `print_min_size`) saves a sheet, plans
at the largest size that does: every size on the sheet shrinks alike (print.css `zoom` on the
page, the footer excepted), so the plan is the full-size plan on a sheet that much larger
(`Metrics.scaled`).

A shorter table at full size gets nothing. A row taller than a whole sheet (pages of text in one cell)
cannot be kept whole: it starts a sheet of its own, the browser splits it at the sheet's edge,
its connectors and symbol are drawn in a band at its top (with its outgoing pentagons), and
the next row starts a new sheet.

The estimate errs on the side of more sheets, never on the side of a break the browser makes
on its own (which would cut an arrow at the sheet's edge). No MkDocs here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..drawing.flowchart import Chart, offpage_labels, split_chart
from ..sop.model import Sop
from .columns import ACTOR_PAD_H, HEADINGS, WIDTH_SAFETY, column_widths, crowded, text_widths
from .metrics import FONT_PX, ITEM_GAP, LINE_PX, LIST_INDENT, PAD_H, PAD_V, Metrics, text_lines
from .front import AFTER_SECTIONS, front_end

__all__ = ["Sheets", "Metrics", "row_heights", "plan_breaks", "plan_sheets", "column_widths", "OFFPAGE_ROOM", "ACTOR_PAD_H"]

HEADING_PX = 0
"""The "Prosedur" heading above the table on its first sheet (print.css hides it on paper)."""

TOTAL_PX = LINE_PX + PAD_V
"""The "Total Waktu Penyelesaian" row, kept with the last step row."""

FIXED_FROM = 0.6
"""A table estimated to fill more than this share of its first sheet is printed with the
column widths of the estimate (`column_widths`), so that a table estimated to fit does fit;
a shorter one keeps the browser's own layout and gets nothing added to its page."""

OFFPAGE_SIZE = 18
"""Size (px) of a printed off-page connector: room for its label at 11 px (8 pt, print.css)."""

OFFPAGE_ROOM = 28
"""Extra height (px) of a row next to a break, for its pentagons beside the arrows (the
first and the last row of a sheet: reserved on every sheet)."""

SLACK = 0.015
"""Share of each sheet left unused by the estimate, for what it cannot foresee."""

FOLLOW_ROWS = 2
"""A table spanning sheets starts below the sections only when at least this many rows fit there."""

SCALES = (1.0, 0.9375, 0.875, 0.8125, 0.75)
"""The sizes an SOP may be printed at, as shares of the full size (table text at 8, 7.5, 7,
6.5 and 6 pt). An SOP is printed at the full size unless a smaller one saves a sheet, and
then at the largest size that prints it on the fewest sheets, as officers shrink a Word
table to fit its sheets: the signed SOPs of BPS Bengkulu print theirs at 5.5 to 10 pt, most
at 6.5 to 8 (bench/README.md); never smaller than 6 here (plugin option `print_min_size`)."""

FULL_PT = FONT_PX * 72 / 96
"""The table text at full size (pt): 8."""

PRINT_SIZES = tuple(int(pt) if pt.is_integer() else pt for pt in (FULL_PT * s for s in SCALES))
"""The table text (pt) at each of `SCALES`: 8, 7.5, 7, 6.5, 6 (plugin option `print_min_size`)."""

SMALLEST_PT = PRINT_SIZES[-1]
"""The smallest table text (pt) an SOP may shrink to, unless the site says otherwise."""


def _cell(values: list[str] | str | None, width: float) -> float:
    """Height of a text cell holding `values` (one text, or the items of a list)."""
    if not values:
        return PAD_V + LINE_PX
    if isinstance(values, str):
        return PAD_V + LINE_PX * text_lines(values, width)
    if len(values) == 1:
        return PAD_V + LINE_PX * text_lines(values[0], width)
    inner = width - LIST_INDENT
    return PAD_V + sum(LINE_PX * text_lines(v, inner) + ITEM_GAP for v in values)


def row_heights(sop: Sop, chart: Chart | None, metrics: Metrics, columns: list[float] | None = None) -> list[float]:
    """Estimated printed height (px) of each step row (`columns`: `column_widths`, if known)."""
    widths = text_widths(sop, metrics, columns)
    heights = []
    for number, step in enumerate(sop.steps, 1):
        heights.append(max(
            float(chart.row_min_height(number - 1)) if chart is not None else 0.0,
            _cell(str(number), widths["no"]),
            _cell(step.description, widths["uraian"]),
            _cell(step.requirements, widths["kelengkapan"]),
            _cell(step.time, widths["waktu"]),
            _cell(step.output, widths["output"]),
            _cell(step.remarks, widths["keterangan"]),
        ))
    return heights


def header_height(sop: Sop, metrics: Metrics, columns: list[float] | None = None) -> float:
    """The two-row header, repeated on every sheet: "Pelaksana" over the actors' names."""
    columns = columns or column_widths(sop, metrics)
    widths = text_widths(sop, metrics, columns)
    actor_lines = max(
        (text_lines(a, (w * WIDTH_SAFETY) - ACTOR_PAD_H, True)
         for a, w in zip(sop.actors, columns[2:])), default=1)
    second = max(
        actor_lines,
        text_lines(HEADINGS["kelengkapan"], widths["kelengkapan"], True),
        text_lines(HEADINGS["output"], widths["output"], True),
    )
    n = len(sop.actors)
    first = max(
        text_lines("Pelaksana", sum(columns[2:2 + n]) * WIDTH_SAFETY - PAD_H, True),
        text_lines("Mutu Baku", sum(columns[2 + n:5 + n]) * WIDTH_SAFETY - PAD_H, True),
    )
    both = 2 * PAD_V + LINE_PX * (first + second)
    spanning = max(PAD_V + LINE_PX * text_lines(text, widths[name], True)
                   for name, text in (("uraian", "Uraian Prosedur"), ("keterangan", "Keterangan")))
    return max(both, spanning)


def tail_height(sop: Sop, metrics: Metrics, columns: list[float] | None = None) -> float:
    """What stays with the last step row: the total row. (On paper the signature is in the
    identity table, as on the form: print.css does not print the block after the table.)"""
    if not sop.total_time:
        return 0.0
    columns = columns or column_widths(sop, metrics)
    width = sum(columns[-4:-1]) * WIDTH_SAFETY - PAD_H  # Waktu, Output, Keterangan
    return PAD_V + LINE_PX * text_lines(sop.total_time.format(), width, True)


def plan_breaks(
    heights: list[float], *, first: float, rest: float, tail: float = 0.0, edges: list[float] | None = None,
) -> list[int]:
    """Rows (0-based) that end a sheet, packing rows greedily: `first` px for rows on the
    table's first sheet, `rest` px on the others, the last row together with `tail` when both
    fit on one sheet. A row next to a break is `edges[i]` px high (its off-page connectors
    need room: `OFFPAGE_ROOM`), else `heights[i]`. A row taller than a sheet gets a sheet of
    its own."""
    edges = edges or heights
    breaks: list[int] = []
    used, room = 0.0, first
    last = len(heights) - 1
    for index, height in enumerate(heights):
        if breaks and breaks[-1] == index - 1:
            height = edges[index]  # the first row of a sheet after a break
        if index == last:
            together = height + tail <= rest  # (else the signature follows on its own)
            fits = used + height + (tail if together else 0.0) <= room
        else:
            fits = used + max(height, edges[index]) <= room  # it may end the sheet
        if used and not fits:
            breaks.append(index - 1)
            used, room = 0.0, rest
            height = edges[index]
        used += height
    return breaks


@dataclass
class Sheets:
    """Where the printed procedure table breaks on one paper, and the print variant of the
    actor cells of the rows on either side of each break (their connector SVGs, left to
    right)."""

    paper: str
    ends: list[int] = field(default_factory=list)
    """Rows (0-based) printed last on their sheet (`break-after: page`)."""

    cells: dict[int, list[str]] = field(default_factory=dict)
    """Row (0-based) -> connector SVG of each actor cell on paper, for rows next to a break."""

    alone: list[int] = field(default_factory=list)
    """Rows (0-based) estimated taller than a sheet: each is printed alone, split by the
    browser at the sheet's edge, its connectors drawn in a band at its top (`paper_rules`)."""

    follows: bool = False
    """The table starts below the sections, on the sheet where they end (else on a sheet of
    its own)."""

    scale: float = 1.0
    """The size the SOP is printed at (`SCALES`; print.css `zoom`)."""

    count: int = 0
    """Sheets the whole SOP is estimated to take: the front (header box and sections) and
    the procedure table."""

    columns: list[float] = field(default_factory=list)
    """The printed width (px, at `scale`) of each column (`column_widths`)."""

    paged: bool = True
    """The table is printed with the planned widths and breaks; False for a table left to
    the browser's own layout (it fits a sheet with room to spare)."""


def plan_sheets(
    sop: Sop, chart: Chart | None, paper: str = "a4", columns: list[float] | None = None,
    *, like: Sheets | None = None, logo: bool = False, scale: float | None = None, min_size: float = SMALLEST_PT,
) -> Sheets | None:
    """The sheets of the SOP's printed procedure table on `paper`, at the size (`SCALES`)
    that prints the whole SOP on the fewest sheets, or at `scale`: None when the SOP is
    printed at full size and its table fits on one sheet with room to spare (`FIXED_FROM`);
    `paged` False for a smaller size with such a table; no `ends` when it fits on one all the
    same. The cells of `like` (another paper's plan) are reused when the breaks are the same.
    `columns` are the column widths at that size (`column_widths`); `min_size`, the smallest
    table text (pt) the SOP may shrink to (plugin option `print_min_size`)."""
    if scale is None:
        sizes = [size for size in SCALES if size * FULL_PT >= min_size - 0.01]
        sheets = _plan(sop, chart, paper, None, logo, sizes[0])
        smallest = _plan(sop, chart, paper, None, logo, sizes[-1]) if sheets.count > 1 and len(sizes) > 1 else sheets
        if smallest.count < sheets.count:  # a smaller size saves a sheet: the largest that does
            sheets = next((p for p in (_plan(sop, chart, paper, None, logo, size) for size in sizes[1:-1])
                           if p.count <= smallest.count), smallest)
    else:
        sheets = _plan(sop, chart, paper, columns, logo, scale)
    if sheets.scale == 1 and not sheets.paged:
        return None
    if chart is None or not sheets.ends:
        return sheets
    if like is not None and like.ends == sheets.ends and like.alone == sheets.alone and like.scale == sheets.scale:
        sheets.cells = like.cells
        return sheets
    labels = offpage_labels()
    rest = chart
    parts: list[Chart] = []
    for end in sheets.ends:
        upper, rest = split_chart(rest, end - rest.first_row, labels=labels, size=OFFPAGE_SIZE)
        parts.append(upper)
    parts.append(rest)
    ends = set(sheets.ends)
    for part in parts:
        for row in {part.first_row, part.first_row + part.rows - 1}:
            if row in ends or row - 1 in ends:
                sheets.cells[row] = [part.cell_svg(row - part.first_row, col) for col in range(part.cols)]
    return sheets


def _plan(sop: Sop, chart: Chart | None, paper: str, columns: list[float] | None, logo: bool, scale: float) -> Sheets:
    """The breaks and the estimated sheet count at one size (no print variants yet)."""
    metrics = Metrics.of(paper).scaled(scale)
    room = metrics.height * (1 - SLACK)
    columns = columns or column_widths(sop, metrics, chart)
    header = header_height(sop, metrics, columns)
    heights = row_heights(sop, chart, metrics, columns)
    first = room - HEADING_PX - header
    tail = tail_height(sop, metrics, columns)
    front = front_end(sop, metrics.width, metrics.height, logo=logo)
    below = room - front.used - AFTER_SECTIONS - header  # below the sections, on their last sheet
    if sum(heights) + tail < first * FIXED_FROM and not crowded(sop, metrics, chart):
        # left to the browser: below the sections when it fits there whole, else on the next sheet
        fits = sum(heights) + tail <= below
        return Sheets(paper, scale=scale, count=front.sheet + (1 if fits else 2), paged=False, columns=columns)
    floors = [chart.row_min_height(i) + OFFPAGE_ROOM if chart is not None else 0.0 for i in range(len(heights))]
    edges = [max(h, f) for h, f in zip(heights, floors)]
    breaks = plan_breaks(heights, first=first, rest=room - header, tail=tail, edges=edges)
    # below the sections only when it saves a sheet (a table that fits a sheet stays whole)
    follows = False
    if breaks and below >= edges[0]:
        below_breaks = plan_breaks(heights, first=below, rest=room - header, tail=tail, edges=edges)
        rows_below = below_breaks[0] + 1 if below_breaks else len(heights)
        follows = rows_below >= FOLLOW_ROWS and len(below_breaks) < len(breaks) + 1
        breaks = below_breaks if follows else breaks
    return Sheets(
        paper, breaks, alone=[i for i, h in enumerate(heights) if h > room - header], follows=follows,
        scale=scale, count=front.sheet + len(breaks) + (1 if follows else 2), columns=columns,
    )
