"""Routing of the flowchart: the orthogonal connectors drawn for a chart's arrows on the grid of
(row, actor column) cells (`route`; `build.py` makes the chart from an SOP).

* the next step: down from the symbol's bottom, across the band just above the row's bottom
  edge to the next actor's column, down into the next symbol's top;
* a decision branch to any other step (a jump ahead or a loop back): out of the diamond's side,
  along the row's middle to a side channel at the edge of a column, up or down that channel, and
  into the target's side (or, when that side is taken, along a band at the top of the target's
  row into its top);
* a row with several symbols: one symbol in each actor's column, joined in the order of the
  work (a list `pelaksana`: left to right; a mapping actor -> symbol: as written). The chart
  enters at the first symbol and goes on from the last, or from the row's diamond: a decision's
  branches always leave from the diamond. A join runs straight from side to side, or, when
  other symbols of the row stand between, along a band at the top (or bottom) of the row.

Channels and top bands that run in parallel get separate lanes (`LANE` px apart).
"""

from __future__ import annotations

from dataclasses import dataclass

from .chart import Chart
from .geometry import ARROW, BAND, EDGE, LANE, OVERLAP, Arrow, Coord, Label, Line, Piece, Transition

@dataclass
class _Channel:
    index: int  # connector index
    source: tuple[int, int]
    target: tuple[int, int]
    side: str  # "right" | "left": the side of `column` whose edge the lane runs along
    column: int
    arrive: str  # "side" | "top"
    port: str  # the source's exit: "right" | "left" | "top" | "bottom"
    lane: int = 0
    top_band: Coord | None = None  # for an arrival at the top: the band it comes along
    band: Coord | None = None  # for a top or bottom exit (or a detour): the band it leaves along
    detour: bool = False  # out of a side, at once to the band: other symbols stand in the way


def route(chart: Chart, orders: list[list[int]], exits: list[int], rows: dict[int, int]) -> None:
    """Route the chart's joins and connectors into its cells. `orders`: each row's columns in
    the order of the work; `exits`: the column each row's flow leaves from; `rows`: printed
    step number -> row."""
    _Router(chart, orders, exits, rows).route()


class _Router:
    def __init__(self, chart: Chart, orders: list[list[int]], exits: list[int], rows: dict[int, int]) -> None:
        self.chart = chart
        self.orders = orders
        self.exits = exits
        self.rows = rows  # printed step number -> row
        self.used: set[tuple[tuple[int, int], str]] = set()  # (node, port)
        self.reserved: set[tuple[tuple[int, int], str]] = set()  # kept for arrivals, departures
        self.top_next: dict[int, int] = {}  # row -> next free top-band lane
        self.bottom_next: dict[int, int] = {}  # row -> next free bottom-band lane

    def entry(self, number: int) -> tuple[int, int]:
        row = self.rows[number]
        return (row, self.orders[row][0])

    def exit(self, number: int) -> tuple[int, int]:
        row = self.rows[number]
        return (row, self.exits[row])

    def add(self, row: int, col: int, piece: Piece) -> None:
        self.chart.cells.setdefault((row, col), []).append(piece)

    def line(self, row: int, col: int, x1: Coord, y1: Coord, x2: Coord, y2: Coord, index: int) -> None:
        self.add(row, col, Line(x1, y1, x2, y2, index))

    def free(self, node: tuple[int, int], port: str) -> bool:
        return (node, port) not in self.used and (node, port) not in self.reserved

    def top_band(self, row: int) -> Coord:
        lane = self.top_next.get(row, 0)
        self.top_next[row] = lane + 1
        self.chart.top_lanes = max(self.chart.top_lanes, lane + 1)
        return Coord(0, BAND + LANE * lane)

    def bottom_band(self, row: int) -> Coord:
        lane = self.bottom_next.get(row, 0)
        self.bottom_next[row] = lane + 1
        self.chart.bottom_lanes = max(self.chart.bottom_lanes, lane + 1)
        return Coord(100, -(BAND + LANE * (lane + 1)))

    def route(self) -> None:
        chart = self.chart
        # joins keep clear of the ports the flow needs: the top of a row's first symbol when
        # an arrow comes into the step, the bottom of its last when the flow goes down from it
        # (a diamond's branches find other ways out)
        for t in chart.connectors:
            entry, exit_ = self.entry(t.target), self.exit(t.source)
            self.reserved.add((entry, "top"))
            if t.label is None:
                self.reserved.add((exit_, "bottom"))
        # joins inside rows with several symbols, in the order of the work
        for row, cols in enumerate(self.orders):
            for a, b in zip(cols, cols[1:]):
                chart.joins.append((row, a, b))
                self._join(row, a, b)
        self.reserved.clear()
        # next-row connectors first: they own the bottom and top ports
        pending: list[tuple[int, Transition]] = []
        for index, t in enumerate(chart.connectors):
            source = self.exit(t.source)
            target = self.entry(t.target)
            if target[0] == source[0] + 1 and (source, "bottom") not in self.used:
                self.used.add((source, "bottom"))
                self._next_row(index, source, target, t.label)
            else:
                pending.append((index, t))
        # departures take their ports before any arrival does
        ports = [self._departure(self.exit(t.source), self.entry(t.target)) for _, t in pending]
        channels: list[_Channel] = []
        for (index, t), (port, detour) in zip(pending, ports):
            source = self.exit(t.source)
            target = self.entry(t.target)
            side = port if port in ("right", "left") else ("right" if target[1] >= source[1] else "left")
            column = max(source[1], target[1]) if side == "right" else min(source[1], target[1])
            arrive = "side"
            between = (
                range(target[1] + 1, column + 1) if side == "right" else range(column, target[1])
            )
            if (target, side) in self.used or any((target[0], c) in chart.marks for c in between):
                arrive = "top"
            else:
                self.used.add((target, side))
            channel = _Channel(index, source, target, side, column, arrive, port, detour=detour)
            if port == "top" or detour and (source, "bottom") in self.used:
                channel.band = self.top_band(source[0])
            elif port == "bottom" or detour:
                channel.band = self.bottom_band(source[0])
            channels.append(channel)
        self._assign_lanes(channels)
        for channel in channels:
            self._channel(channel)

    def _departure(self, source: tuple[int, int], target: tuple[int, int]) -> tuple[str, bool]:
        """The port a branch leaves its diamond by, and whether it must go round the row's
        other symbols: a free side whose run to the channel passes no other symbol, else its
        bottom or top (then along a band of the row), else a free side from which it turns to
        a band at once (a detour), else (never met in practice) the right side shared."""
        row, col = source
        blocked: list[str] = []
        for side in ("right", "left"):
            column = max(col, target[1]) if side == "right" else min(col, target[1])
            span = range(col + 1, column + 1) if side == "right" else range(column, col)
            if (source, side) in self.used:
                continue
            if any((row, c) in self.chart.marks for c in span):
                blocked.append(side)
                continue
            self.used.add((source, side))
            return side, False
        entered = {self.entry(t.target) for t in self.chart.connectors}
        for port in ("bottom", "top"):
            if (source, port) not in self.used and not (port == "top" and source in entered):
                self.used.add((source, port))
                return port, False
        if blocked:
            self.used.add((source, blocked[0]))
            return blocked[0], True
        return "right", False

    def _join(self, row: int, a: int, b: int) -> None:
        """Join two symbols of one row: side to side when nothing stands between, else along a
        band at the row's top or bottom."""
        marks = self.chart.marks
        toward, back = ("right", "left") if b > a else ("left", "right")
        between = any((row, c) in marks for c in range(min(a, b) + 1, max(a, b)))
        if not between and self.free((row, a), toward) and self.free((row, b), back):
            self.used |= {((row, a), toward), ((row, b), back)}
            port_x = self._port(row, b, back)[0]
            end = Coord(port_x.pct, port_x.px - ARROW) if back == "left" else Coord(port_x.pct, port_x.px + ARROW)
            self._horizontal_run(row, a, b, Coord(50), -1, start=self._port(row, a, toward), end_x=end)
            self._arrow_side(row, b, back)
            return
        for port, band, sign in (("top", self.top_band, 1), ("bottom", self.bottom_band, -1)):
            if self.free((row, a), port) and self.free((row, b), port):
                self.used |= {((row, a), port), ((row, b), port)}
                y = band(row)
                self.line(row, a, Coord(50), self._port(row, a, port)[1], Coord(50), y, -1)
                self._horizontal_run(row, a, b, y, -1)
                tip = self._port(row, b, port)[1]
                self.line(row, b, Coord(50), y, Coord(50), Coord(tip.pct, tip.px - sign * ARROW), -1)
                self.add(row, b, Arrow(Coord(50), tip, "down" if port == "top" else "up", marks[(row, b)].step))
                return
        # out of the side toward b to the cell's edge, along a band, into b's top or bottom
        if self.free((row, a), toward):
            for port, band, sign in (("top", self.top_band, 1), ("bottom", self.bottom_band, -1)):
                if self.free((row, b), port):
                    self.used |= {((row, a), toward), ((row, b), port)}
                    y = band(row)
                    edge = Coord(100, -3) if toward == "right" else Coord(0, 3)
                    self.line(row, a, self._port(row, a, toward)[0], Coord(50), edge, Coord(50), -1)
                    self.line(row, a, edge, Coord(50), edge, y, -1)
                    self._horizontal_run(row, a, b, y, -1, start_x=edge)
                    tip = self._port(row, b, port)[1]
                    self.line(row, b, Coord(50), y, Coord(50), Coord(tip.pct, tip.px - sign * ARROW), -1)
                    self.add(row, b, Arrow(Coord(50), tip, "down" if port == "top" else "up", marks[(row, b)].step))
                    return
        # no free way round (not met in practice): straight, as a shared step always was
        self._horizontal_run(row, a, b, Coord(50), -1, start=self._port(row, a, toward),
                             end_x=self._port(row, b, back)[0])
        self._arrow_side(row, b, back)

    # ports and arrows

    def _port(self, row: int, col: int, port: str) -> tuple[Coord, Coord]:
        mark = self.chart.marks[(row, col)]
        if port == "top":
            return (Coord(50), Coord(50, -mark.half_height))
        if port == "bottom":
            return (Coord(50), Coord(50, mark.half_height))
        if port == "left":
            return (Coord(50, -mark.half_width), Coord(50))
        return (Coord(50, mark.half_width), Coord(50))

    def _arrow_side(self, row: int, col: int, side: str) -> None:
        x, y = self._port(row, col, side)
        self.add(row, col, Arrow(x, y, "right" if side == "left" else "left", self.chart.marks[(row, col)].step))

    def _arrow_top(self, row: int, col: int) -> None:
        x, y = self._port(row, col, "top")
        self.add(row, col, Arrow(x, y, "down", self.chart.marks[(row, col)].step))

    def _label(self, node: tuple[int, int], port: str, text: str | None) -> None:
        if not text:
            return
        row, col = node
        mark = self.chart.marks[node]
        if port == "bottom":
            self.add(row, col, Label(Coord(50, 4), Coord(50, mark.half_height + 10), text, "start", port))
        elif port == "top":
            self.add(row, col, Label(Coord(50, 4), Coord(50, -mark.half_height - 3), text, "start", port))
        elif port == "right":
            self.add(row, col, Label(Coord(50, mark.half_width + 3), Coord(50, -4), text, "start", port))
        else:
            self.add(row, col, Label(Coord(50, -mark.half_width - 3), Coord(50, -4), text, "end", port))

    # runs

    def _horizontal_run(
        self,
        row: int,
        a: int,
        b: int,
        y: Coord,
        index: int,
        *,
        start: tuple[Coord, Coord] | None = None,
        end: tuple[Coord, Coord] | None = None,
        start_x: Coord | None = None,
        end_x: Coord | None = None,
    ) -> None:
        """A horizontal line at `y` in `row` from column a to column b (either direction),
        starting at `start`/`start_x` in column a and ending at `end`/`end_x` in column b
        (default: the columns' centres)."""
        sx = start[0] if start else (start_x or Coord(50))
        ex = end[0] if end else (end_x or Coord(50))
        if a == b:
            self.line(row, a, sx, y, ex, y, index)
            return
        step = 1 if b > a else -1
        out_edge = Coord(100, OVERLAP) if step == 1 else Coord(0, -OVERLAP)
        in_edge = Coord(0, -OVERLAP) if step == 1 else Coord(100, OVERLAP)
        self.line(row, a, sx, y, out_edge, y, index)
        for col in range(a + step, b, step):
            self.line(row, col, in_edge, y, out_edge, y, index)
        self.line(row, b, in_edge, y, ex, y, index)

    def _vertical_run(self, col: int, x: Coord, r1: int, y1: Coord, r2: int, y2: Coord, index: int) -> None:
        """A vertical line at `x` in `col` from (r1, y1) to (r2, y2), up or down."""
        if r1 == r2:
            self.line(r1, col, x, y1, x, y2, index)
            return
        step = 1 if r2 > r1 else -1
        out_edge = Coord(100, OVERLAP) if step == 1 else Coord(0, -OVERLAP)
        in_edge = Coord(0, -OVERLAP) if step == 1 else Coord(100, OVERLAP)
        self.line(r1, col, x, y1, x, out_edge, index)
        for row in range(r1 + step, r2, step):
            self.line(row, col, x, in_edge, x, out_edge, index)
        self.line(r2, col, x, in_edge, x, y2, index)

    def _next_row(self, index: int, source: tuple[int, int], target: tuple[int, int], label: str | None) -> None:
        (r1, c1), (r2, c2) = source, target
        self._label(source, "bottom", label)
        top = self._port(r2, c2, "top")[1]
        arrow_base = Coord(top.pct, top.px - ARROW)
        bottom = self._port(r1, c1, "bottom")[1]
        if c1 == c2:
            self._vertical_run(c1, Coord(50), r1, bottom, r2, arrow_base, index)
        else:
            band = Coord(100, -BAND)
            self.line(r1, c1, Coord(50), bottom, Coord(50), band, index)
            self._horizontal_run(r1, c1, c2, band, index)
            self._vertical_run(c2, Coord(50), r1, band, r2, arrow_base, index)
        self._arrow_top(r2, c2)

    def _assign_lanes(self, channels: list[_Channel]) -> None:
        taken: dict[tuple[int, str, int], list[tuple[int, int]]] = {}
        for ch in sorted(channels, key=lambda c: (abs(c.source[0] - c.target[0]), c.index)):
            low, high = sorted((ch.source[0], ch.target[0]))
            lane = 0
            while any(
                not (high < lo or low > hi) for lo, hi in taken.get((ch.column, ch.side, lane), [])
            ):
                lane += 1
            taken.setdefault((ch.column, ch.side, lane), []).append((low, high))
            ch.lane = lane
            self.chart.channel_lanes = max(self.chart.channel_lanes, lane + 1)
        for ch in channels:
            if ch.arrive == "top":
                ch.top_band = self.top_band(ch.target[0])

    def _channel(self, ch: _Channel) -> None:
        t = self.chart.connectors[ch.index]
        (r1, c1), (r2, c2) = ch.source, ch.target
        offset = EDGE + LANE * ch.lane
        lane_x = Coord(100, -offset) if ch.side == "right" else Coord(0, offset)
        self._label(ch.source, ch.port, t.label)
        start_y = Coord(50)
        if ch.band is None:
            start = self._port(r1, c1, ch.port)
            self._horizontal_run(r1, c1, ch.column, start_y, ch.index, start=start, end_x=lane_x)
        elif ch.detour:  # out of a side to the cell's edge, along a band of the row
            start_y = ch.band
            edge = Coord(100, -3) if ch.port == "right" else Coord(0, 3)
            self.line(r1, c1, self._port(r1, c1, ch.port)[0], Coord(50), edge, Coord(50), ch.index)
            self.line(r1, c1, edge, Coord(50), edge, start_y, ch.index)
            self._horizontal_run(r1, c1, ch.column, start_y, ch.index, start_x=edge, end_x=lane_x)
        else:  # out of the top or bottom, along a band of the row to the channel
            start_y = ch.band
            self.line(r1, c1, Coord(50), self._port(r1, c1, ch.port)[1], Coord(50), start_y, ch.index)
            self._horizontal_run(r1, c1, ch.column, start_y, ch.index, end_x=lane_x)
        if ch.arrive == "side":
            y = Coord(50)
            self._vertical_run(ch.column, lane_x, r1, start_y, r2, y, ch.index)
            port_x = self._port(r2, c2, ch.side)[0]
            sign = 1 if ch.side == "right" else -1
            base = Coord(port_x.pct, port_x.px + sign * ARROW)
            self._horizontal_run(r2, ch.column, c2, y, ch.index, start_x=lane_x, end_x=base)
            self._arrow_side(r2, c2, ch.side)
        else:
            y = ch.top_band or Coord(0, BAND)
            self._vertical_run(ch.column, lane_x, r1, start_y, r2, y, ch.index)
            self._horizontal_run(r2, ch.column, c2, y, ch.index, start_x=lane_x)
            top = self._port(r2, c2, "top")[1]
            self.line(r2, c2, Coord(50), y, Coord(50), Coord(top.pct, top.px - ARROW), ch.index)
            self._arrow_top(r2, c2)

