"""The connected chart of one SOP (`Chart`): its symbols, its connectors and the pieces drawn in
each (row, actor column) cell, with the minimum cell sizes that keep lines clear of symbols and
the HTML of a row's actor cells in the procedure table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from markupsafe import Markup
from markupsafe import escape as html_escape

from ..sop.model import Symbol
from .geometry import EDGE, BAND, LANE, LABEL_CHAR, SIZES, Label, Mark, Piece, Transition
from .svg import cell_svg, symbol_svg

STANDARD_WIDTH = 2 * max(hw for hw, _ in SIZES.values()) + 8
"""`Chart.col_symbol_width` of a column of standard symbols (without a text inside)."""


@dataclass
class Chart:
    """The connected chart of one SOP: `rows` steps x `cols` actors.

    `first_row` is the step index of the chart's first row (0 unless split by `split_chart`).
    """

    rows: int
    cols: int
    marks: dict[tuple[int, int], Mark]
    connectors: list[Transition]
    joins: list[tuple[int, int, int]]  # (row, from col, to col) inside shared rows
    cells: dict[tuple[int, int], list[Piece]] = field(default_factory=dict)
    channel_lanes: int = 0
    top_lanes: int = 0
    first_row: int = 0
    bottom_lanes: int = 0
    _width_cache: tuple[int, dict[int, int], int] | None = field(default=None, init=False, repr=False, compare=False)
    _height_cache: list[int] | None = field(default=None, init=False, repr=False, compare=False)

    def pieces(self, row: int, col: int) -> list[Piece]:
        return self.cells.get((row, col), [])

    @property
    def min_width(self) -> int:
        """Narrowest actor column (px) in which channel lanes and labels pass beside symbols."""
        return self._widths()[0]

    def col_min_width(self, col: int) -> int:
        """Narrowest width (px) of one actor column: only the side labels ("Tidak" beside a
        diamond) and the symbols of that column counted, so that columns without them stay
        narrow (the page layout fits eight actors at 1366 px); never more than `min_width`."""
        return self._widths()[1].get(col, self._widths()[2])

    def col_symbol_width(self, col: int) -> int:
        """For a column with a symbol grown to hold its text (`teks_simbol`): the width (px) of
        its widest symbol with 4 px either side, the least a printed column can get; 0 for a
        column of standard symbols (they fit the narrowest column)."""
        widest = max((2 * m.half_width + 8 for (_, c), m in self.marks.items() if c == col), default=0)
        return widest if widest > STANDARD_WIDTH else 0

    def _widths(self) -> tuple[int, dict[int, int], int]:
        """(min_width, {column with symbols or side labels: its width}, width of the others),
        computed once, in one pass over the cells (the template asks for every cell): a chart
        is complete when `build_chart` or `split_chart` returns it."""
        if self._width_cache is not None:
            return self._width_cache
        # a column is as wide as its widest symbol (a diamond grows with its text) needs;
        # standard symbols count everywhere, so that a chart without texts has equal columns
        base = max((SIZES[m.symbol][0] for m in self.marks.values()), default=24)
        symbol: dict[int, int] = {}
        diamond: dict[int, int] = {}
        for (_, col), mark in self.marks.items():
            symbol[col] = max(symbol.get(col, base), mark.half_width)
            if mark.symbol is Symbol.DECISION:
                diamond[col] = max(diamond.get(col, 0), mark.half_width)
        lanes = EDGE + LANE * max(self.channel_lanes - 1, 0)
        longest: dict[int, int] = {}  # column -> longest side label (characters)
        for (_, col), pieces in self.cells.items():
            for p in pieces:
                if isinstance(p, Label) and p.port in ("left", "right"):
                    longest[col] = max(longest.get(col, 0), len(p.text))

        def width(col: int) -> int:
            half = symbol.get(col, base) + lanes + 4
            if not longest.get(col):
                return 2 * half
            text = longest[col] * LABEL_CHAR
            beside = diamond.get(col, SIZES[Symbol.DECISION][0])
            return 2 * max(half, beside + 3 + text + 3 + lanes)

        widths = {col: width(col) for col in set(symbol) | set(longest)}
        other = 2 * (base + lanes + 4)
        result = (max([other, *widths.values()]), widths, other)
        self._width_cache = result
        return result

    @property
    def min_height(self) -> int:
        """Lowest row (px) in which the bands above and below a symbol stay clear of it, for
        every row alike (the highest of `row_min_height`)."""
        return max(self._heights(), default=self._row_height(SIZES[Symbol.DECISION][1], set()))

    def row_min_height(self, row: int) -> int:
        """Lowest height (px) of one row (0-based in this chart): room for its own symbols and
        the branch labels above or below them, with the chart's bands above and below. Only
        the bands run across rows (their lanes are counted for the whole chart), so a row of
        small boxes stays low beside a row with a diamond (a printed sheet holds more steps)."""
        return self._heights()[row]

    def _heights(self) -> list[int]:
        if self._height_cache is None:
            half = [SIZES[Symbol.PROCESS][1]] * self.rows
            ports: list[set[str]] = [set() for _ in range(self.rows)]
            for (row, _), mark in self.marks.items():
                half[row] = max(half[row], mark.half_height)
            for (row, _), pieces in self.cells.items():
                ports[row].update(p.port for p in pieces if isinstance(p, Label))
            self._height_cache = [self._row_height(h, p) for h, p in zip(half, ports)]
        return self._height_cache

    def _row_height(self, half: int, ports: set[str]) -> int:
        top = BAND + LANE * max(self.top_lanes - 1, 0) + 4
        below = BAND + LANE * self.bottom_lanes + 4
        if "bottom" in ports:
            below += 12  # a "Ya"/"Tidak" under a diamond, above the bands
        if "top" in ports:
            top += 12  # a label above a diamond, below the bands
        return 2 * (half + max(top, below) + 2)

    def row(self, step_index: int) -> list[tuple[str, str]]:
        """(connector SVG, symbol SVG) of each actor cell in the row of a step (0-based index
        among the SOP's steps, also for a part made by `split_chart`), left to right."""
        row = step_index - self.first_row
        return [(self.cell_svg(row, col), self.symbol_svg(row, col)) for col in range(self.cols)]

    def row_html(
        self, step_index: int, actors: Sequence[str], paper: Sequence[tuple[str, str]] | None = None,
    ) -> Markup:
        """The actor cells (`<td>`) of a step's row of the procedure table: the connector
        pieces passing through each cell, and in each cell of the step its own symbol (class
        `sop-sym--<symbol>`), with the branches ("Ya → n  Tidak → m", labels as printed) under
        the row's diamond. Each cell has its column's minimum width; `actors` name the marked
        cells (`data-label`) for a phone's step cards. Built here rather than in the template:
        it is most of the procedure table, row by row, page by page. `paper` (sheets.py), for a
        row next to a printed sheet's break: each cell's `data-print` tokens and the print
        variants of its connectors, written after the screen's."""
        row = step_index - self.first_row
        cells = []
        for col, (lines, drawn) in enumerate(self.row(step_index)):
            width = self.col_min_width(col)
            wide = self.col_symbol_width(col)
            # a symbol grown to hold its text keeps its column that wide on paper too, where
            # print.css lets actor columns shrink to their header (standard symbols fit there)
            width = f"{width}px; min-width: {wide}px" if wide else f"{width}px"
            printed = ""
            if paper:
                tokens, variants = paper[col]
                printed = f' data-print="{html_escape(tokens)}"' if tokens else ""
                lines = f"{lines}{variants}"  # (str + Markup would escape the SVG)
            mark = self.marks.get((row, col))
            if mark is not None:
                label = f' data-label="{html_escape(actors[col])}"' if actors else ""
                branches = self._branches(mark) if mark.symbol is Symbol.DECISION else []
                said = "".join(
                    f"<span>{html_escape(t.label)} → {t.target}</span>" + (" " if k == 0 else "")
                    for k, t in enumerate(branches)
                )
                said = f'<span class="sop-branches sop-fc-branches">{said}</span>' if said else ""
                cells.append(
                    f'      <td class="sop-actor sop-mark"{printed} style="--sop-fc-width: {width}"{label}>{lines}'
                    f'<span class="sop-sym sop-sym--{mark.symbol.value} sop-fc-mark">{drawn}</span>{said}</td>\n'
                )
            else:
                cells.append(f'      <td class="sop-actor"{printed} style="--sop-fc-width: {width}">{lines}</td>\n')
        return Markup("".join(cells))

    def cell_svg(self, row: int, col: int) -> str:
        """The connector pieces passing through a cell, as an SVG filling the cell."""
        return cell_svg(self.pieces(row, col))

    def symbol_svg(self, row: int, col: int) -> str:
        """The cell's symbol (empty when it has none), a fixed-size SVG to centre in the cell."""
        mark = self.marks.get((row, col))
        return "" if mark is None else symbol_svg(mark, self._branches(mark))

    def _branches(self, mark: Mark) -> list[Transition]:
        return [t for t in self.connectors if t.source == mark.step and t.label]

