"""Read a born-digital SOP AP PDF into a grid by its layout (pdfplumber, duplicate text removed).

Generic table finders fail on these files (they split words and miss cells drawn as polygons),
so the table is read from its rules: column edges from the vertical rules just under the header,
row bounds from the horizontal rules crossing the No column, words by position. Shapes in the
actor columns are kept (minus cell borders, connector lines, arrowheads and duplicate
outlines); connectors are followed from each diamond to an arrowhead for its branches.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

from .geometry import Seg, connected_targets, drawing_objects, flows, rules_of
from .grid import Cell, Column, Grid, Piece, ReadError, Shape, Table, Warning_
from .logo import header_picture

__all__ = ["read_pdf"]

MAX_PAGES = 40
_FOOTER = re.compile(r"ditandatangani secara elektronik|Pindai kode QR|Sertifikasi Elektronik|^- ?\d+ ?-$", re.I)
_ESIGNED = re.compile(r"ditandatangani secara elektronik", re.I)
_NO = re.compile(r"^(no|nomor)\.?$", re.I)
_TASK = re.compile(r"kegiatan|uraian|aktivitas|prosedur", re.I)
_LABELS = re.compile(r"^(ya|y|yes|tidak|tdk|t|no|n|a|b|sesuai|tidak sesuai|setuju|tidak setuju|ok|lengkap|"
                     r"tidak lengkap|benar|salah)$", re.I)


def read_pdf(path: Path) -> Grid:
    try:
        import pdfplumber
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    except ImportError as error:  # pragma: no cover - a dependency of sopbook
        raise ReadError("import.missing", name=str(error)) from None
    try:
        pdf = pdfplumber.open(path)
    except Exception as error:  # pdfplumber wraps pdfminer's errors: look inside
        if _encrypted(error, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise ReadError("import.encrypted") from None
        raise ReadError("import.corrupt") from None
    with pdf:
        try:
            if len(pdf.pages) > MAX_PAGES:
                raise ReadError("import.too_many_pages", pages=len(pdf.pages), limit=MAX_PAGES)
            return _read(pdf)
        except ReadError:
            raise
        except Exception:
            raise ReadError("import.corrupt") from None


def _encrypted(error: BaseException, kinds: tuple) -> bool:
    seen = [error, *[a for a in error.args if isinstance(a, BaseException)], error.__cause__, error.__context__]
    return any(isinstance(e, kinds) or "password" in type(e).__name__.lower() for e in seen if e is not None)


def _words(page, grid: Grid) -> list[dict]:
    """The words of a page, without the footer lines (page numbers, the e-signature notice:
    `grid.signed_electronically` records that one)."""
    from pdfplumber.utils import extract_words

    # some print drivers give every glyph a hair of rotation, so pdfplumber would read each
    # letter as a vertical word: horizontal text is what these forms hold
    chars = [dict(c, upright=True) if abs(c["matrix"][1]) < 1e-3 else c for c in page.dedupe_chars().chars]
    words = extract_words(chars, keep_blank_chars=False, x_tolerance=3, y_tolerance=2)
    lines = _group_lines(words)
    out = []
    for line in lines:
        text = " ".join(w["text"] for w in line)
        if _FOOTER.search(text):
            grid.signed_electronically = grid.signed_electronically or bool(_ESIGNED.search(text))
            continue
        out.extend(line)
    return out


def _group_lines(words: list[dict]) -> list[list[dict]]:
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        for line in lines:
            if abs(line[0]["top"] - word["top"]) < 2.5:
                line.append(word)
                break
        else:
            lines.append([word])
    for line in lines:
        line.sort(key=lambda w: w["x0"])
    lines.sort(key=lambda line: line[0]["top"])
    return lines


def _pieces(words: list[dict], verticals: list[Seg], page: int) -> list[Piece]:
    """Words on one line joined into pieces; a wide gap or a vertical rule between ends a piece."""
    out: list[Piece] = []
    for line in _group_lines(words):
        current: list[dict] = []
        for word in line:
            if current:
                prev = current[-1]
                gap = word["x0"] - prev["x1"]
                ymid = (word["top"] + word["bottom"]) / 2
                ruled = any(prev["x1"] - 1 < v.x0 < word["x0"] + 1 and v.y0 - 1 <= ymid <= v.y1 + 1 for v in verticals)
                if ruled or gap > 3 * max(1.0, (word["bottom"] - word["top"]) * 0.5):
                    out.append(_piece(current, page))
                    current = []
            current.append(word)
        if current:
            out.append(_piece(current, page))
    return out


def _piece(words: list[dict], page: int) -> Piece:
    return Piece(" ".join(w["text"] for w in words), page, words[0]["x0"], min(w["top"] for w in words),
                 words[-1]["x1"], max(w["bottom"] for w in words))


def _read(pdf) -> Grid:
    grid = Grid(pages=len(pdf.pages))
    table: Table | None = None
    layout: dict | None = None
    text_pages = 0
    for number, page in enumerate(pdf.pages, start=1):
        if number == 1:
            grid.header_picture = header_picture(page)
        words = _words(page, grid)
        if len(words) >= 5:
            text_pages += 1
        elif page.images:
            grid.warnings.append(Warning_("import.page_image", page=number))
            continue
        rules = rules_of(page)
        verticals = [s for s in rules if s.vertical]
        horizontals = [s for s in rules if not s.vertical]
        anchor, found = None, None
        top = 0.0
        for candidate in _anchors(words):
            found = _header(candidate, words, horizontals, verticals, page.rects)
            if found is not None:
                anchor = candidate
                break
        if anchor is not None:
            if found is not None:
                new_layout, columns = found
                if table is None:
                    table = Table(columns=columns, links_read=True)
                    layout = new_layout
                else:
                    layout = new_layout if len(new_layout["edges"]) == len(layout["edges"]) else layout
                top = new_layout["bottom"]
        elif table is not None and layout is not None:
            if not _aligned(layout["edges"], verticals):
                grid.pieces += _pieces(words, verticals, number)
                continue
            grid.warnings.append(Warning_("import.continued", page=number))
            layout = dict(layout, bottom=None)
        if table is None or layout is None:
            grid.pieces += _pieces(words, verticals, number)
            continue
        above = [w for w in words if anchor is not None and found is not None and w["bottom"] <= found[0]["top"] + 1]
        if above:
            grid.pieces += _pieces(above, verticals, number)
        _rows(table, layout, page, number, words, rules, top, grid)
    if text_pages == 0:
        raise ReadError("import.scan")
    if table is None:  # the procedure table may be pasted as a picture
        for number, page in enumerate(pdf.pages, start=1):
            if any(i["x1"] - i["x0"] > 300 and i["bottom"] - i["top"] > 100 for i in page.images):
                grid.warnings.append(Warning_("import.table_image", page=number))
    grid.table = table
    return grid


def _anchors(words: list[dict]) -> list[dict]:
    """Candidates for the No header (or, where No shares a merged cell with Kegiatan, Kegiatan)."""
    def mid(w):
        return (w["top"] + w["bottom"]) / 2

    out = [w for w in words if _NO.match(w["text"]) and any(
        _TASK.search(o["text"]) and 0 < o["x0"] - w["x1"] < 250 and abs(mid(o) - mid(w)) < 20 for o in words)]
    if any(re.match(r"^mutu", w["text"], re.I) for w in words):
        out += [w for w in words if _TASK.search(w["text"]) and any(
            re.match(r"^pelaksana", o["text"], re.I) and o["x0"] > w["x1"] and abs(mid(o) - mid(w)) < 20 for o in words)]
    return out


def _crossing(segs: list[Seg], x: float, lo: float, hi: float) -> list[float]:
    return sorted({round(s.y0, 1) for s in segs if s.x0 - 1 <= x <= s.x1 + 1 and lo <= s.y0 <= hi})


def _cluster(values: list[float], gap: float = 3.0) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if out and value - out[-1] < gap:
            continue
        out.append(value)
    return out


def _header(anchor: dict, words: list[dict], horizontals: list[Seg], verticals: list[Seg], boxes=()):
    x = (anchor["x0"] + anchor["x1"]) / 2
    above = [y for y in _crossing(horizontals, x, 0, anchor["top"] + 1)]
    below = [y for y in _crossing(horizontals, x, anchor["bottom"] - 1, 10_000)]
    if not above or not below:
        return None
    top, bottom = above[-1], below[0]
    probe = bottom + 4
    edges = _cluster([s.x0 for s in verticals if s.y0 - 1 <= probe <= s.y1 + 1 or s.y0 - 1 <= bottom - 3 <= s.y1 + 1])
    # header cells told apart only by their backgrounds: a background's side where no rule is near
    sides = [x for b in boxes if b.get("fill") and not b.get("stroke") and b["x1"] - b["x0"] > 20
             and b["top"] - 1 <= bottom - 3 <= b["bottom"] + 1 and b["top"] >= top - 1 for x in (b["x0"], b["x1"])]
    edges = _cluster(edges + [x for x in sides if all(abs(x - e) > 8 for e in edges)])
    edges = [e for e in edges if e >= anchor["x0"] - (40 if _NO.match(anchor["text"]) else 250)]
    if len(edges) < 5:
        return None
    columns: list[Column] = []
    head = [w for w in words if top - 1 <= w["top"] and w["bottom"] <= bottom + 1]
    for left, right in zip(edges, edges[1:]):
        cx = (left + right) / 2
        subs = [y for y in _crossing(horizontals, cx, top + 2, bottom - 2)]
        split = subs[-1] if subs else top
        label = [w for w in head if left <= (w["x0"] + w["x1"]) / 2 <= right and w["top"] >= split - 1]
        columns.append(Column(_join(label), ""))
    # group labels: the text above the lowest inner rule of each column, spread over its super cell
    for word in head:
        cx = (word["x0"] + word["x1"]) / 2
        for index, (left, right) in enumerate(zip(edges, edges[1:])):
            if left <= cx <= right:
                subs = _crossing(horizontals, (left + right) / 2, top + 2, bottom - 2)
                if subs and word["bottom"] <= subs[-1] + 1:
                    _spread(columns, edges, index, word, horizontals, subs[-1])
    return {"edges": edges, "bottom": bottom, "top": top}, columns


def _spread(columns: list[Column], edges: list[float], index: int, word: dict, horizontals, rule_y: float) -> None:
    """Give a super-header word to every column under the rule it sits on."""
    for seg in horizontals:
        if abs(seg.y0 - rule_y) < 1.5 and seg.x0 - 2 <= (edges[index] + edges[index + 1]) / 2 <= seg.x1 + 2:
            for j, (left, right) in enumerate(zip(edges, edges[1:])):
                if seg.x0 - 2 <= (left + right) / 2 <= seg.x1 + 2 and word["text"] not in columns[j].group.split():
                    columns[j].group = (columns[j].group + " " + word["text"]).strip()
            return


def _join(words: list[dict]) -> str:
    return " ".join(" ".join(w["text"] for w in line) for line in _group_lines(words))


def _aligned(edges: list[float], verticals: list[Seg]) -> bool:
    xs = _cluster([s.x0 for s in verticals if s.y1 - s.y0 > 15])
    hits = sum(1 for e in edges if any(abs(e - x) < 3 for x in xs))
    return hits >= max(4, int(len(edges) * 0.7))


def _rows(table: Table, layout: dict, page, number: int, words, rules: list[Seg], top: float, grid: Grid) -> None:
    edges = layout["edges"]
    horizontals = [s for s in rules if not s.vertical]
    no_x = (edges[0] + edges[1]) / 2
    ys = _cluster(_crossing(horizontals, no_x, (top or 0) - 1, page.height))
    if top:
        ys = [y for y in ys if y >= top - 1]
    bounds = [(a, b) for a, b in zip(ys, ys[1:]) if b - a > 6]
    shapes, arrows, connectors = drawing_objects(page, edges, bounds)
    if bounds and any(img["x1"] - img["x0"] > 60 and img["bottom"] - img["top"] > 40
                      and img["x0"] < edges[-3] and img["x1"] > edges[2]
                      and img["top"] < bounds[-1][1] and img["bottom"] > bounds[0][0] for img in page.images):
        grid.warnings.append(Warning_("import.chart_image", page=number))
    first_row = len(table.rows)
    row_of_shape: list[tuple[Shape, int, int]] = []
    for a, b in bounds:
        cells = [Cell() for _ in table.columns]
        inside = [w for w in words if a - 1 <= (w["top"] + w["bottom"]) / 2 <= b + 1]
        for shape in shapes:
            if not (a - 2 <= (shape.top + shape.bottom) / 2 <= b + 2):
                continue
            mine = [w for w in inside if shape.x0 - 1 <= (w["x0"] + w["x1"]) / 2 <= shape.x1 + 1
                    and shape.top - 1 <= (w["top"] + w["bottom"]) / 2 <= shape.bottom + 1]
            shape.text = _join(mine)
            inside = [w for w in inside if w not in mine]
            for j, (left, right) in enumerate(zip(edges, edges[1:])):
                cover = max(0.0, min(right, shape.x1) - max(left, shape.x0))
                if cover >= 0.4 * min(shape.x1 - shape.x0, right - left):
                    cells[j].shapes.append(shape)
                    row_of_shape.append((shape, first_row + len([r for r in bounds if r[0] < a]), j))
        for j, (left, right) in enumerate(zip(edges, edges[1:])):
            mine = [w for w in inside if left - 1 <= (w["x0"] + w["x1"]) / 2 <= right + 1]
            cells[j].lines = [" ".join(w["text"] for w in line) for line in _group_lines(mine)]
            if any(w["x1"] > right + 3 or w["x0"] < left - 3 for w in mine):
                cells[j].spilled = True
        table.rows.append(cells)
    for row in range(first_row, len(table.rows)):
        mine = [(shape, column) for shape, r, column in row_of_shape if r == row]
        if len({id(s) for s, _ in mine}) > 1:
            unique = list({id(s): s for s, _ in mine}.values())
            column_of = {id(s): c for s, c in mine}
            for a, b in flows(unique, connectors, arrows):
                table.flows.append((row, column_of[id(unique[a])], column_of[id(unique[b])]))
    if table.links_read:
        _links(table, row_of_shape, arrows, connectors, words, edges)


def _center(w: dict) -> tuple[float, float]:
    return (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2


def _label_at(point, candidates: list[dict]) -> str:
    """The branch label printed next to where a line leaves a diamond ("Ya", "T", "Belum valid")."""
    def dist(w):
        x, y = _center(w)
        return math.hypot(x - point[0], y - point[1])

    near = [w for w in candidates if dist(w) < 60]
    if not near:
        return ""
    known = [w for w in near if _LABELS.match(w["text"].rstrip(":"))]
    first = min(known or near, key=dist)
    phrase = [first]
    for _ in range(3):
        more = [w for w in near if w not in phrase and any(
            abs(_center(w)[1] - _center(p)[1]) < 14 and (w["x0"] - p["x1"] < 25 and p["x0"] - w["x1"] < 25) for p in phrase)]
        if not more:
            break
        phrase.append(min(more, key=dist))
    phrase.sort(key=lambda w: (round(w["top"] / 4), w["x0"]))
    return " ".join(w["text"].rstrip(":") for w in phrase)


def _links(table: Table, placed, arrows, connectors, words, edges: list[float]) -> None:
    from .grid import Link

    inside = [s for s, _, _ in placed]
    columns = {c for _, _, c in placed}
    candidates = [w for w in words if len(w["text"]) <= 14 and not w["text"].isdigit()
                  and any(edges[c] <= _center(w)[0] <= edges[c + 1] for c in columns)
                  and not any(s.x0 - 1 <= _center(w)[0] <= s.x1 + 1 and s.top - 1 <= _center(w)[1] <= s.bottom + 1
                              for s in inside)]  # not the text inside a symbol ("Setuju ?")
    for shape, row, column in placed:
        if shape.kind != "diamond" or any(l.row == row and l.column == column for l in table.links):
            continue
        branches = []
        for exit_point, target in connected_targets(shape, connectors, arrows, inside):
            target_row = next((r for s, r, _ in placed if s is target), None)
            if target_row is None and target is not None:
                continue
            branches.append((exit_point, _label_at(exit_point, candidates), target_row))
        for index, (exit_point, label, target_row) in enumerate(branches):
            rivals = [b for b in branches if b[1] == label and b is not branches[index]]
            # one printed label read for two branches: it belongs to the branch leaving nearest to it
            if label and any(_closer(b[0], exit_point, label, candidates) for b in rivals):
                label = ""
            table.links.append(Link(row, column, label, target_row))


def _closer(a, b, label: str, candidates: list[dict]) -> bool:
    """Is exit `a` nearer than exit `b` to where `label` is printed?"""
    first = label.split()[0]
    spots = [_center(w) for w in candidates if w["text"].rstrip(":") == first]
    if not spots:
        return False
    return min(math.dist(a, p) for p in spots) < min(math.dist(b, p) for p in spots)
