"""Read a .docx in the SOP AP layout: its tables as a grid (python-docx, merged cells once).

Shapes are the flowchart symbols drawn in a cell (DrawingML `prstGeom` flowChart* or VML
shapes). Word files carry no connector geometry a reader can follow reliably, so branch
targets are left to the mapper to infer (and mark).
"""

from __future__ import annotations

import re
from pathlib import Path

from .grid import Cell, Column, Grid, Piece, ReadError, Shape, Table, Warning_

__all__ = ["read_docx"]

_GEOMETRY = {"flowChartDecision": "diamond", "flowChartProcess": "box", "rect": "box",
             "flowChartTerminator": "rounded", "roundRect": "rounded", "ellipse": "rounded",
             "flowChartAlternateProcess": "rounded", "diamond": "diamond"}
_VML = {"_x0000_t110": "diamond", "_x0000_t109": "box", "_x0000_t116": "rounded", "_x0000_t176": "rounded"}
_NO = re.compile(r"^(no|nomor)\.?$", re.I)
_TASK = re.compile(r"kegiatan|uraian|aktivitas|prosedur", re.I)


def _shapes(cell) -> list[Shape]:
    out = []
    xml = cell._tc.xml
    for prst in re.findall(r'prstGeom prst="(\w+)"', xml):
        if prst in _GEOMETRY:
            out.append(Shape(_GEOMETRY[prst], 0, 0, 1, 1))
    for kind in re.findall(r'type="#(_x0000_t\d+)"', xml):
        if kind in _VML:
            out.append(Shape(_VML[kind], 0, 0, 1, 1))
    for shape in out:
        texts = re.findall(r"<w:txbxContent.*?</w:txbxContent>", xml, re.S)
        shape.text = " ".join(" ".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", t)) for t in texts).strip()
    return out


def _unique_cells(row):
    """Each cell of a row once (python-docx repeats a horizontally merged cell), with its span."""
    seen: list = []
    for cell in row.cells:
        if seen and cell._tc is seen[-1][0]._tc:
            seen[-1][1] += 1
        else:
            seen.append([cell, 1])
    return seen


def _text_lines(cell) -> list[str]:
    lines = []
    for paragraph in cell.paragraphs:
        text = " ".join(paragraph.text.split())
        if text:
            lines.append(text)
    return lines


def read_docx(path: Path) -> Grid:
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as error:  # pragma: no cover
        raise ReadError("import.missing", name=str(error)) from None
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError):
        raise ReadError("import.corrupt") from None
    except Exception:
        raise ReadError("import.corrupt") from None
    grid = Grid(pages=1)
    table: Table | None = None
    width = 0
    top = 0.0
    for t_index, doc_table in enumerate(document.tables):
        rows = list(doc_table.rows)
        header_at = None
        for r, row in enumerate(rows[:4]):
            texts = [c.text.strip() for c, _ in _unique_cells(row)]
            if texts and _NO.match(texts[0]) and any(_TASK.search(t) for t in texts[1:3]):
                header_at = r
                break
        if header_at is None and table is not None and len(rows[0].cells) == width:
            grid.warnings.append(Warning_("import.continued", page=t_index + 1))
            _body(table, rows, width)
            continue
        if header_at is None:
            seen: list = []  # the elements themselves: lxml keeps one proxy per element while referenced
            for r, row in enumerate(rows):
                x = 0.0
                for cell, span in _unique_cells(row):
                    if any(cell._tc is tc for tc in seen):  # merged down from the row above
                        x += span
                        continue
                    seen.append(cell._tc)
                    for k, line in enumerate(_text_lines(cell)):
                        grid.pieces.append(Piece(line, 1, x * 100, top + k * 10, x * 100 + span * 100 - 5, top + k * 10 + 8))
                    x += span
                top += 10 * max([len(_text_lines(c)) for c in row.cells] + [1]) + 10
            continue
        width = len(rows[header_at].cells)
        header_rows = [rows[header_at]]
        # a second header row under merged group cells (Pelaksana, Mutu Baku)
        if header_at + 1 < len(rows) and not re.match(r"^\(?\d+\)?\.?$", rows[header_at + 1].cells[0].text.strip()):
            header_rows.append(rows[header_at + 1])
        columns = []
        for j in range(width):
            labels = [r.cells[j].text.strip() for r in header_rows]
            label, group = labels[-1], labels[0] if len(labels) > 1 and labels[0] != labels[-1] else ""
            columns.append(Column(" ".join(label.split()), " ".join(group.split())))
        if table is None:
            table = Table(columns=columns, links_read=False)
        _body(table, rows[header_at + len(header_rows):], width)
    grid.table = table
    if table is None and not grid.pieces:
        raise ReadError("import.not_sop")
    return grid


def _body(table: Table, rows, width: int) -> None:
    for row in rows:
        cells = []
        for j in range(width):
            cell = row.cells[j]
            if j and cell._tc is row.cells[j - 1]._tc:
                cells.append(Cell())  # merged into the cell on its left
                continue
            cells.append(Cell(_text_lines(cell), _shapes(cell)))
        table.rows.append(cells)
