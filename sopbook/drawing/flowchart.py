"""The official flowchart inside the procedure table: symbols, connectors, off-page splits.

This module is the flowchart's face: it names what the rest of sopbook uses from
`geometry.py` (sizes, positions, pieces), `build.py` (transitions, `build_chart`), `routing.py` (connectors), `chart.py`
(`Chart`, a row's cells), `offpage.py` (`split_chart`) and `svg.py` (drawing).

In a signed SOP AP document each step's symbol sits in its actor's column of the procedure
table and arrows run from symbol to symbol. sopbook computes that chart from an SOP's steps
and draws it as static SVG, one small drawing per actor cell, that stays aligned whatever row
heights and column widths the browser (or the printer) picks:

* A cell's symbol sits at the cell's centre with a fixed size in px.
* Every other point is a `Coord`: a percentage of the cell's width or height plus an offset in
  px ("100% - 8 px" is the band just above the cell's bottom edge). SVG has no calc(), so each
  line is emitted inside a nested `<svg>` placed at the percentage part, translated by the px
  part: the drawing follows the cell whatever its size, strokes and arrow heads never stretch.

Routing is orthogonal on a grid of (row, actor column) cells:

* the next step: down from the symbol's bottom, across the band just above the row's bottom
  edge to the next actor's column, down into the next symbol's top;
* a decision branch to any other step (a jump ahead or a loop back): out of the diamond's side,
  along the row's middle to a side channel at the edge of a column, up or down that channel, and
  into the target's side (or, when that side is taken, along a band at the top of the target's
  row into its top);
* a step shared by several actors: one symbol in each actor's column, joined left to right;
  the chart enters at the leftmost symbol and goes on from the rightmost.

Channels and top bands that run in parallel get separate lanes (`LANE` px apart); symbols are
centred and never crossed as long as cells are at least `Chart.min_width` x `Chart.min_height`
px (the template hands both to the stylesheet).

The SVG is self-contained (presentation attributes only; the stylesheet sizes and places the
two SVGs in the cell and picks stroke widths). No MkDocs, no CSS: `render.py` asks for `build_chart(sop)` and the template places each
`cell_svg` / `symbol_svg`. Everything from YAML is escaped here.
"""

from __future__ import annotations

from .chart import Chart
from .geometry import (
    ARROW, BAND, EDGE, LABEL_CHAR, LANE, OVERLAP, SIZES, Arrow, Coord, Label, Line, Mark, OffPage,
    Piece, Transition,
)
from .offpage import offpage_labels, split_chart
from .build import build_chart, transitions

__all__ = [
    "Coord",
    "Transition",
    "Mark",
    "Line",
    "Arrow",
    "Label",
    "OffPage",
    "Chart",
    "transitions",
    "build_chart",
    "split_chart",
    "offpage_labels",
    "Piece",
    "ARROW",
    "BAND",
    "EDGE",
    "LABEL_CHAR",
    "LANE",
    "OVERLAP",
    "SIZES",
]
