"""What a rendered SOP page carries for printing its procedure table on the site's papers:
the `<col>` widths, the `data-print` tokens of the rows that end a sheet, the print variants
of the actor cells next to a break (`PrintBreaks`, from the plan of `sheets.py`), and the
print rules that show them (`paper_rules`). No MkDocs here."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from markupsafe import Markup

from ..drawing.flowchart import Chart
from ..sop.model import Sop
from .hyphens import soft_hyphens
from .metrics import word_width
from .sheets import ACTOR_PAD_H, OFFPAGE_ROOM, SMALLEST_PT, Metrics, Sheets, column_widths, plan_sheets

__all__ = ["PrintBreaks", "print_breaks", "paper_rules"]


@dataclass
class PrintBreaks:
    """What the procedure table's template adds for printing on the site's paper: the `<col>`
    widths, the classes of rows that end a sheet, and the print variants of the actor cells
    next to a break. print.css (`paper_rules`) shows the variants on paper instead of the
    screen's drawing, and forces the breaks."""

    rows: dict[int, str] = field(default_factory=dict)
    """Row (0-based) -> its `data-print` tokens ("end-a4": the last row of a sheet; "alone-a4":
    a row taller than a sheet). An attribute, not classes: the row's `class` stays as is."""

    cells: dict[int, list[tuple[str, Markup]]] = field(default_factory=dict)
    """Row (0-based) -> for each actor cell: its `data-print` tokens ("split-a4": its print
    variant is shown on paper instead of the screen's drawing) and its print variants."""

    zoom: str = ""
    """The article's style on paper: "--sop-zoom-a4: 0.875" when on that paper the SOP is
    printed smaller to save a sheet (`sheets.SCALES`)."""

    follows: str = ""
    """The table's `data-print` tokens: "follow-a4" when on that paper it starts below the
    sections rather than on a sheet of its own."""

    headers: list[Markup] = field(default_factory=list)
    """Each actor's header text: soft hyphens in the words wider than their printed column
    (`hyphens.soft_hyphens`), none in the others."""

    columns: list[str] = field(default_factory=list)
    """Style of each column's `<col>`: its printed width on each paper (`column_widths`)."""

    @property
    def paged(self) -> bool:
        """The table is printed with the planned column widths (and breaks, if any)."""
        return bool(self.columns)

    def row_class(self, row: int) -> str:
        return self.rows.get(row, "")

    def row_cells(self, row: int) -> list[tuple[str, Markup]] | None:
        return self.cells.get(row)


def print_breaks(
    sop: Sop, chart: Chart | None, papers: Iterable[str] = ("a4",), *, logo: bool = False,
    min_size: float = SMALLEST_PT,
) -> PrintBreaks | None:
    """The column widths and sheet breaks of the SOP's printed procedure table on each of
    `papers`; None when the table fits on one sheet of every paper with room to spare
    (nothing is added to its page)."""
    papers = list(papers)
    plans: list[Sheets] = []
    widths: list[list[float]] = []
    for paper in papers:
        sheets = plan_sheets(sop, chart, paper, like=plans[-1] if plans else None, logo=logo, min_size=min_size)
        if sheets is not None:
            plans.append(sheets)
        widths.append(sheets.columns if sheets is not None else column_widths(sop, Metrics.of(paper), chart))
    if not plans:
        return None
    result = PrintBreaks()
    result.follows = " ".join(f"follow-{sheets.paper}" for sheets in plans if sheets.follows)
    result.zoom = "; ".join(f"--sop-zoom-{p.paper}: {p.scale:g}" for p in plans if p.scale != 1)
    plans = [p for p in plans if p.paged]
    if not plans:  # printed smaller, its short table left to the browser
        return result
    for index, actor in enumerate(sop.actors):
        room = min(columns[2 + index] for columns in widths) - ACTOR_PAD_H - 2
        result.headers.append(soft_hyphens(actor, lambda word, room=room: word_width(word, True) <= room))
    shares = [[w / sum(ws) * 100 for w in ws] for ws in widths]
    result.columns = [
        "; ".join(f"--sop-col-{paper}: {share[i]:.3f}%" for paper, share in zip(papers, shares))
        for i in range(len(shares[0]))
    ]
    rows: dict[int, list[str]] = {}
    cells: dict[int, list[tuple[list[str], list[str]]]] = {}
    for index, sheets in enumerate(plans):
        for row in sheets.ends:
            rows.setdefault(row, []).append(f"end-{sheets.paper}")
        for row in sheets.alone:
            rows.setdefault(row, []).append(f"alone-{sheets.paper}")
        # papers with the same breaks share one print variant (its class names them all)
        same = [p.paper for p in plans[index:] if p.cells is sheets.cells]
        if index and plans[index - 1].cells is sheets.cells:
            same = []
        alone = set(sheets.alone)
        for row, svgs in sheets.cells.items():
            row_cells = cells.setdefault(row, [([], []) for _ in svgs])
            for col, svg in enumerate(svgs):
                classes, markup = row_cells[col]
                classes.append(f"split-{sheets.paper}")
                if same:
                    markup.append(_paper(svg, same, always=row in alone))
    result.rows = {row: " ".join(names) for row, names in rows.items()}
    result.cells = {
        row: [(" ".join(classes), Markup("".join(markup))) for classes, markup in row_cells]
        for row, row_cells in cells.items()
    }
    return result


def paper_rules(paper: str) -> str:
    """The print rules of the forced breaks and off-page connectors planned for `paper` (the
    site's; `print_stylesheet` appends them)."""
    pages = ".md-typeset .sop-fc-table"
    split = f'{pages} td[data-print~="split-{paper}"]'
    alone = f'{pages} tr[data-print~="alone-{paper}"] > td[data-print~="split-{paper}"]'
    return (
        "@media print {\n"
        # an SOP printed smaller to save a sheet (sheets.SCALES): the whole page, not the footer
        f"  article.sop {{ zoom: var(--sop-zoom-{paper}, 1); }}\n"
        f'  .md-typeset .sop-procedure tr[data-print~="end-{paper}"] {{ break-after: page; }}\n'
        f'  .md-typeset .sop-scroll:has(.sop-paged[data-print~="follow-{paper}"]) {{ break-before: auto; margin-top: 3mm; }}\n'
        f"  .md-typeset .sop-procedure.sop-paged col {{ width: var(--sop-col-{paper}); }}\n"
        f"  {split} > .sop-fc-lines:not(.sop-fc-paper) {{ display: none; }}\n"
        f"  {split} > .sop-fc-paper--{paper} {{ display: block; }}\n"
        f"  {split} {{ height: calc(var(--sop-fc-height, 60px) + {OFFPAGE_ROOM}px); }}\n"
        # a row taller than a sheet: its connectors and symbol in a band at its top, in the
        # flow (the browser splits the row; what is absolutely placed in it would be split too)
        f"  {alone} {{ vertical-align: top; }}\n"
        f"  {alone} > .sop-fc-paper--{paper} {{ position: relative; inset: auto;"
        f" height: calc(var(--sop-fc-height, 60px) + {OFFPAGE_ROOM}px); }}\n"
        f"  {alone} > .sop-sym.sop-fc-mark {{"
        f" transform: translateY(calc(-50% - (var(--sop-fc-height, 60px) + {OFFPAGE_ROOM}px) / 2)); }}\n"
        "}\n"
    )


_LINES_CLASS = 'class="sop-fc-lines"'


def _paper(svg: str, papers: list[str], *, always: bool = False) -> str:
    """A connector SVG marked as the print variant for `papers` (hidden but on those papers);
    `always`: an empty one too (it holds the symbol's place in a row printed alone)."""
    if not svg:
        if not always:
            return ""
        svg = f'<svg {_LINES_CLASS} aria-hidden="true" focusable="false" width="100%" height="100%"></svg>'

    names = " ".join(f"sop-fc-paper--{paper}" for paper in papers)
    return svg.replace(_LINES_CLASS, f'class="sop-fc-lines sop-fc-paper {names}"', 1)
