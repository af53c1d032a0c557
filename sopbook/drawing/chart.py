"""The connected chart of one SOP (`Chart`): its symbols, its connectors and the pieces drawn in
each (row, actor column) cell, with the minimum cell sizes that keep lines clear of symbols and
the HTML of a row's actor cells in the procedure table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup
from markupsafe import escape as html_escape

from ..sop.model import Symbol
from .geometry import EDGE, BAND, LANE, LABEL_CHAR, SIZES, Label, Mark, Piece, Transition
from .svg import cell_svg, symbol_svg

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
    _width_cache: tuple[int, dict[int, int], int] | None = field(default=None, init=False, repr=False, compare=False)

    def pieces(self, row: int, col: int) -> list[Piece]:
        return self.cells.get((row, col), [])

    @property
    def min_width(self) -> int:
        """Narrowest actor column (px) in which channel lanes and labels pass beside symbols."""
        return self._widths()[0]

    def col_min_width(self, col: int) -> int:
        """Narrowest width (px) of one actor column: `min_width`, with only the side labels
        ("Tidak" beside a diamond) of that column counted, so that columns without one stay
        narrow (the page layout fits eight actors at 1366 px); never more than `min_width`."""
        return self._widths()[1].get(col, self._widths()[2])

    def _widths(self) -> tuple[int, dict[int, int], int]:
        """(min_width, {column with side labels: its width}, width of the other columns),
        computed once, in one pass over the cells (the template asks for every cell): a chart
        is complete when `build_chart` or `split_chart` returns it."""
        if self._width_cache is not None:
            return self._width_cache
        symbol = max(m.half_width for m in self.marks.values()) if self.marks else 24
        lanes = EDGE + LANE * max(self.channel_lanes - 1, 0)
        half = symbol + lanes + 4
        longest: dict[int, int] = {}  # column -> longest side label (characters)
        for (_, col), pieces in self.cells.items():
            for p in pieces:
                if isinstance(p, Label) and p.port != "bottom":
                    longest[col] = max(longest.get(col, 0), len(p.text))

        def width(text_length: int) -> int:
            if not text_length:
                return 2 * half
            text = text_length * LABEL_CHAR
            return 2 * max(half, SIZES[Symbol.DECISION][0] + 3 + text + 3 + lanes)

        widest = width(max(longest.values(), default=0))
        widths = ({col: min(width(n), widest) for col, n in longest.items()}, min(2 * half, widest))
        result = (widest, *widths)
        self._width_cache = result
        return result

    @property
    def min_height(self) -> int:
        """Lowest row (px) in which the bands above and below a symbol stay clear of it."""
        half = max(m.half_height for m in self.marks.values()) if self.marks else 20
        top = BAND + LANE * max(self.top_lanes - 1, 0) + 4
        below = BAND + 4
        if any(isinstance(p, Label) and p.port == "bottom"
               for ps in self.cells.values() for p in ps):
            below += 12  # a "Ya"/"Tidak" under a diamond, above the band
        return 2 * (half + max(top, below) + 2)

    def row(self, step_index: int) -> list[tuple[str, str]]:
        """(connector SVG, symbol SVG) of each actor cell in the row of a step (0-based index
        among the SOP's steps, also for a part made by `split_chart`), left to right."""
        row = step_index - self.first_row
        return [(self.cell_svg(row, col), self.symbol_svg(row, col)) for col in range(self.cols)]

    def row_html(
        self, step_index: int, actors: Sequence[str], symbol: str, yes: Any, no: Any,
        paper: Sequence[tuple[str, str]] | None = None,
    ) -> Markup:
        """The actor cells (`<td>`) of a step's row of the procedure table: the connector
        pieces passing through each cell, and in the step's own cells its symbol (class
        `sop-sym--<symbol>`), with "Ya → n  Tidak → m" under a decision (`yes`, `no`; None
        for other steps). Each cell has its column's minimum width; `actors` name the marked
        cells (`data-label`) for a phone's step cards. Built here rather than in the template:
        it is most of the procedure table, row by row, page by page. `paper` (sheets.py), for a
        row next to a printed sheet's break: each cell's `data-print` tokens and the print
        variants of its connectors, written after the screen's."""
        branches = ""
        if yes is not None and no is not None:
            branches = (
                '<span class="sop-branches sop-fc-branches"><span>Ya → {}</span> <span>Tidak → {}</span></span>'
            ).format(html_escape(yes), html_escape(no))
        cells = []
        for col, (lines, mark) in enumerate(self.row(step_index)):
            width = self.col_min_width(col)
            printed = ""
            if paper:
                tokens, variants = paper[col]
                printed = f' data-print="{html_escape(tokens)}"' if tokens else ""
                lines = f"{lines}{variants}"  # (str + Markup would escape the SVG)
            if mark:
                label = f' data-label="{html_escape(actors[col])}"' if actors else ""
                cells.append(
                    f'      <td class="sop-actor sop-mark"{printed} style="--sop-fc-width: {width}px"{label}>{lines}'
                    f'<span class="sop-sym sop-sym--{html_escape(symbol)} sop-fc-mark">{mark}</span>{branches}</td>\n'
                )
            else:
                cells.append(f'      <td class="sop-actor"{printed} style="--sop-fc-width: {width}px">{lines}</td>\n')
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

