"""Splitting a chart between two rows (a printed sheet's break): each connector that crosses
the split ends at an outgoing off-page connector and goes on from an incoming one with the same
label (A, B, ...)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from .chart import Chart
from .geometry import Coord, Line, OffPage

def split_chart(
    chart: Chart, after: int, labels: Iterator[str] | None = None, size: int = OffPage.size
) -> tuple[Chart, Chart]:
    """Split the chart between row `after` and row `after + 1` (rows of this chart, 0-based):
    the part above and the part below. Every connector crossing the split ends at an outgoing
    off-page connector (pentagon) at the bottom of the upper part and goes on from an incoming
    one with the same label at the top of the lower part. Labels come from `labels` (default:
    A, B, ...; pass one `offpage_labels()` to successive splits so that labels go on); `size`
    is the pentagons' size in px."""
    if not 0 <= after < chart.rows - 1:
        raise ValueError(f"a chart of {chart.rows} rows splits after row 0 to {chart.rows - 2}")
    upper = Chart(after + 1, chart.cols, {}, chart.connectors, [], {}, chart.channel_lanes,
                  chart.top_lanes, chart.first_row, chart.bottom_lanes)
    lower = Chart(chart.rows - after - 1, chart.cols, {}, chart.connectors, [], {},
                  chart.channel_lanes, chart.top_lanes, chart.first_row + after + 1, chart.bottom_lanes)
    for (row, col), mark in chart.marks.items():
        if row <= after:
            upper.marks[(row, col)] = mark
        else:
            lower.marks[(row - after - 1, col)] = mark
    upper.joins = [j for j in chart.joins if j[0] <= after]
    lower.joins = [(r - after - 1, a, b) for r, a, b in chart.joins if r > after]
    labels = offpage_labels() if labels is None else labels
    crossing: dict[tuple[int, Coord, int], str] = {}  # (col, x, connector) -> label
    for (row, col), pieces in sorted(chart.cells.items()):
        for piece in pieces:
            if row == after and isinstance(piece, Line) and _touches(piece, bottom=True):
                label = _pair_label(crossing, (col, piece.x1, piece.connector), labels)
                upper.cells.setdefault((row, col), []).append(_cut(piece, bottom=True, size=size))
                upper.cells[(row, col)].append(OffPage(piece.x1, label, outgoing=True, size=size))
            elif row == after + 1 and isinstance(piece, Line) and _touches(piece, bottom=False):
                label = _pair_label(crossing, (col, piece.x1, piece.connector), labels)
                target = lower.cells.setdefault((0, col), [])
                target.append(_cut(piece, bottom=False, size=size))
                target.append(OffPage(piece.x1, label, outgoing=False, size=size))
            elif row <= after:
                upper.cells.setdefault((row, col), []).append(piece)
            else:
                lower.cells.setdefault((row - after - 1, col), []).append(piece)
    return upper, lower


def _pair_label(known: dict, key: tuple, labels: Iterator[str]) -> str:
    if key not in known:
        known[key] = next(labels)
    return known[key]


def offpage_labels() -> Iterator[str]:
    """A, B, ..., Z, AA, AB, ...: the labels of off-page connector pairs."""
    n = 0
    while True:
        n += 1
        value, text = n, ""
        while value:
            value, rest = divmod(value - 1, 26)
            text = chr(65 + rest) + text
        yield text


def _at_edge(y: Coord, *, bottom: bool) -> bool:
    """Whether a vertical position is the cell's bottom (or top) edge, or just past it."""
    return y.pct == 100 and y.px >= 0 if bottom else y.pct == 0 and y.px <= 0


def _touches(line: Line, *, bottom: bool) -> bool:
    """Whether a vertical line reaches the cell's bottom (or top) edge."""
    return line.x1 == line.x2 and any(_at_edge(y, bottom=bottom) for y in (line.y1, line.y2))


def _cut(line: Line, *, bottom: bool, size: int) -> Line:
    """The line shortened to stop at a pentagon of `size` px at the cell's bottom (top) edge."""
    new = Coord(100, -size) if bottom else Coord(0, size)
    return replace(line, y1=new) if _at_edge(line.y1, bottom=bottom) else replace(line, y2=new)

