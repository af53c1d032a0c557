"""The grid a reader gives the mapper: text pieces with positions, and the procedure table as cells.

A reader (PDF, docx) knows how a file is drawn; the mapper (`mapper.py`) knows what an SOP AP
form means. Between them is only this: positioned text outside the procedure table (identity
block, the six sections), the table's columns with their header labels, its rows of cells
(text and shapes), the links from decision shapes to rows, and warnings about what the reader
could not see well.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Piece", "Shape", "Cell", "Link", "Column", "Table", "Grid", "Warning_", "ReadError"]


class ReadError(Exception):
    """A file that is not read at all: `code` is a message key (not an SOP, scan, encrypted…)."""

    def __init__(self, code: str, **fields: object) -> None:
        super().__init__(code)
        self.code = code
        self.fields = fields


@dataclass
class Piece:
    """One run of text on one line inside one cell (words closer than a gap, no rule between)."""

    text: str
    page: int
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass
class Shape:
    """A flowchart symbol in the actor area: kind is box, rounded, diamond (what is drawn)."""

    kind: str
    x0: float
    top: float
    x1: float
    bottom: float
    text: str = ""


@dataclass
class Cell:
    """One cell of the procedure table: its text lines and the shapes whose column it is."""

    lines: list[str] = field(default_factory=list)
    shapes: list[Shape] = field(default_factory=list)
    spilled: bool = False

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.lines).split())


@dataclass
class Link:
    """A branch leaving the decision in (row, column): its printed label and the row it reaches."""

    row: int
    column: int
    label: str
    target: int | None


@dataclass
class Column:
    label: str
    group: str = ""


@dataclass
class Table:
    columns: list[Column]
    rows: list[list[Cell]] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    flows: list[tuple[int, int, int]] = field(default_factory=list)
    """(row, from column, to column): an arrow between two symbols of one row (order of the work)."""
    links_read: bool = False
    """True when the reader follows connectors (PDF); False: the mapper infers targets."""


@dataclass
class Warning_:
    """Something the reader saw but could not read well: `code` is a message key."""

    code: str
    page: int | None = None
    row: int | None = None
    detail: str = ""


@dataclass
class Grid:
    pieces: list[Piece] = field(default_factory=list)
    table: Table | None = None
    warnings: list[Warning_] = field(default_factory=list)
    pages: int = 0
    header_picture: tuple[str, tuple[int, int]] | None = None
    """The logo in the header box of page 1 (PDF): its name in the file and its pixel size
    (`logo.header_picture`), for `logo.picture` to take out."""
    signed_electronically: bool = False
    """The document says it was signed electronically (a footer such as "Dokumen ini telah
    ditandatangani secara elektronik … BSrE"): its signature is a QR code, not ink."""
