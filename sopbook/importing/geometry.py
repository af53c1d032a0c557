"""Vector drawing of a PDF page sorted out: rules, shapes, connectors and arrowheads.

Tools draw the same thing differently: a rule is a line, a thin filled rectangle, or the edge of
a cell polygon; a connector is a line, an open stroked path or a thin filled polygon; a shape is
a stroked rectangle or path, sometimes printed twice. Everything here works on plain points.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .grid import Shape

__all__ = ["Seg", "rules_of", "drawing_objects", "classify", "connected_targets", "flows", "is_thin"]

THIN = 2.5


@dataclass
class Seg:
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def vertical(self) -> bool:
        return abs(self.x1 - self.x0) < abs(self.y1 - self.y0)


def is_thin(obj: dict) -> bool:
    return obj["x1"] - obj["x0"] < THIN or obj["bottom"] - obj["top"] < THIN


def _axis(obj: dict) -> Seg:
    if obj["x1"] - obj["x0"] < obj["bottom"] - obj["top"]:
        x = (obj["x0"] + obj["x1"]) / 2
        return Seg(x, obj["top"], x, obj["bottom"])
    y = (obj["top"] + obj["bottom"]) / 2
    return Seg(obj["x0"], y, obj["x1"], y)


def rules_of(page) -> list[Seg]:
    """Horizontal and vertical rules: lines, thin boxes, and the edges of large boxes (cells)."""
    out: list[Seg] = []
    for obj in (*page.lines, *page.rects, *page.curves):
        w, h = obj["x1"] - obj["x0"], obj["bottom"] - obj["top"]
        if w < THIN and h < THIN:
            continue
        if is_thin(obj):
            if obj["object_type"] == "curve" and not _straight(obj):
                continue
            out.append(_axis(obj))
        elif (obj["object_type"] == "rect" and obj.get("stroke") and (w > 80 or h > 60)  # a filled one is a background
              or obj["object_type"] == "curve" and (w > 25 or h > 25) and _rectangle(obj)):  # a cell drawn as a polygon
            x0, y0, x1, y1 = obj["x0"], obj["top"], obj["x1"], obj["bottom"]
            out += [Seg(x0, y0, x1, y0), Seg(x0, y1, x1, y1), Seg(x0, y0, x0, y1), Seg(x1, y0, x1, y1)]
    return out


def _rectangle(obj: dict) -> bool:
    x0, y0, x1, y1 = obj["x0"], obj["top"], obj["x1"], obj["bottom"]
    pts = obj.get("pts") or []
    return 4 <= len(pts) <= 6 and all(min(abs(x - x0), abs(x - x1)) < 0.8 and min(abs(y - y0), abs(y - y1)) < 0.8 for x, y in pts)


def _straight(obj: dict) -> bool:
    pts = obj.get("pts") or []
    return len({round(x) for x, _ in pts}) <= 2 or len({round(y) for _, y in pts}) <= 2


def _area_ratio(pts: list[tuple[float, float]], w: float, h: float) -> float:
    area = 0.0
    for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1]):
        area += x0 * y1 - x1 * y0
    return abs(area) / 2 / max(w * h, 1e-6)


def classify(obj: dict) -> str:
    """box, rounded (capsule or rounded box) or diamond, from where the outline's points lie."""
    if obj["object_type"] == "rect":
        return "box"
    pts = obj.get("pts") or []
    x0, y0, w, h = obj["x0"], obj["top"], obj["x1"] - obj["x0"], obj["bottom"] - obj["top"]
    norm = [((x - x0) / w, (y - y0) / h) for x, y in pts]
    tops = [nx for nx, ny in norm if ny < 0.08]
    lefts = [ny for nx, ny in norm if nx < 0.08]
    if tops and min(tops) < 0.06 and max(tops) > 0.94:
        return "box"
    if tops and lefts and all(0.3 < t < 0.7 for t in tops) and all(0.3 < l < 0.7 for l in lefts) and len(pts) <= 8:
        return "diamond"
    if lefts and all(0.15 < l < 0.85 for l in lefts) and tops and 0.3 < max(tops) - min(tops) and len(pts) <= 6:
        return "diamond"
    return "rounded"


def drawing_objects(page, edges: list[float], bounds: list[tuple[float, float]]):
    """(shapes, arrowhead centres, connector polylines) inside the table body, right of Kegiatan."""
    if not bounds:
        return [], [], []
    left, right = edges[2] if len(edges) > 2 else edges[0], edges[-1]
    top, bottom = bounds[0][0], bounds[-1][1]
    row_ys = [y for b in bounds for y in b]
    shapes: list[Shape] = []
    arrows: list[tuple[float, float]] = []
    polylines: list[list[tuple[float, float]]] = []
    for obj in (*page.rects, *page.curves, *page.lines):
        x0, y0, x1, y1 = obj["x0"], obj["top"], obj["x1"], obj["bottom"]
        if x1 < left - 2 or x0 > right + 2 or y1 < top - 2 or y0 > bottom + 2:
            continue
        if not top <= (y0 + y1) / 2 <= bottom and not is_thin(obj):
            continue  # a header cell
        w, h = x1 - x0, y1 - y0
        pts = [(float(x), float(y)) for x, y in (obj.get("pts") or [(x0, y0), (x1, y1)])]
        if w < 9 and h < 9:
            if obj.get("fill") and w > 1.5 and h > 1.5:
                arrows.append(((x0 + x1) / 2, (y0 + y1) / 2))
            continue
        if is_thin(obj):
            seg = _axis(obj)
            if seg.vertical and any(abs(seg.x0 - e) < 1.5 for e in edges):
                continue
            if not seg.vertical and any(abs(seg.y0 - y) < 1.5 for y in row_ys) and seg.x1 - seg.x0 > 40:
                continue
            polylines.append([(seg.x0, seg.y0), (seg.x1, seg.y1)] if obj["object_type"] != "curve" else pts)
            continue
        closed = len(pts) > 2 and math.dist(pts[0], pts[-1]) < 1.5
        if obj["object_type"] == "curve" and (not closed or (obj.get("fill") and not obj.get("stroke")
                                                             and _area_ratio(pts, w, h) < 0.2)):
            polylines.append(pts)
            continue
        if w > 200 or h > 120:
            continue
        if any(abs(x0 - e) < 2 for e in edges) and any(abs(x1 - e) < 2 for e in edges):
            continue  # a cell of the table
        shape = Shape(classify(obj), x0, y0, x1, y1)
        if any(abs(s.x0 - x0) < 2.5 and abs(s.top - y0) < 2.5 and abs(s.x1 - x1) < 2.5 and abs(s.bottom - y1) < 2.5
               for s in shapes):
            continue  # the same outline printed twice
        if any(s.x0 - 1 <= x0 and x1 <= s.x1 + 1 and s.top - 1 <= y0 and y1 <= s.bottom + 1 for s in shapes):
            continue  # an outline drawn inside another (shadow, fill)
        shapes = [s for s in shapes if not (x0 - 1 <= s.x0 and s.x1 <= x1 + 1 and y0 - 1 <= s.top and s.bottom <= y1 + 1)]
        shapes.append(shape)
    return shapes, arrows, polylines


def _dist(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == dy == 0:
        return math.dist(p, a)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.dist(p, (ax + t * dx, ay + t * dy))


def _near(p, line, tol: float) -> bool:
    return any(_dist(p, a, b) <= tol for a, b in zip(line, line[1:])) if len(line) > 1 else math.dist(p, line[0]) <= tol


def _touches(a, b, tol: float = 2.5) -> bool:
    return any(_near(p, b, tol) for p in a) or any(_near(p, a, tol) for p in b)


def _on_border(p, s: Shape, tol: float = 3.0) -> bool:
    x, y = p
    inside_outer = s.x0 - tol <= x <= s.x1 + tol and s.top - tol <= y <= s.bottom + tol
    inside_inner = s.x0 + tol < x < s.x1 - tol and s.top + tol < y < s.bottom - tol
    return inside_outer and not inside_inner


def _inside(p, s: Shape, tol: float) -> bool:
    return s.x0 - tol <= p[0] <= s.x1 + tol and s.top - tol <= p[1] <= s.bottom + tol


def _gap(p, s: Shape) -> float:
    return math.hypot(max(s.x0 - p[0], 0, p[0] - s.x1), max(s.top - p[1], 0, p[1] - s.bottom))


def connected_targets(diamond: Shape, polylines, arrows, shapes: list[Shape]):
    """For each line leaving the diamond: (exit point, shape its arrowhead points at or None).

    Lines are followed breadth first from the one touching the diamond, so where branches
    share a line further on, each branch gets the arrowhead nearest to it along the lines.
    """
    out = []
    used: set[int] = set()
    for index, line in enumerate(polylines):
        if index in used:
            continue
        exits = [p for p in line if _on_border(p, diamond)]
        if not exits:
            continue
        seen, level = {index}, [index]
        target, incoming = None, False
        while level and target is None:
            heads = [a for a in arrows if any(_near(a, polylines[i], 4.0) for i in level)]
            outward = [a for a in heads if not _inside(a, diamond, 6)]
            if heads and not outward and level == [index]:
                incoming = True
                break
            # where lines join, an arrowhead of the other line may sit at the joint: the one
            # farthest from the exit is where this branch ends
            for head in sorted(outward, key=lambda a: -math.dist(a, exits[0])):
                near = [s for s in shapes if s is not diamond and _inside(head, s, 10)]
                target = min(near, key=lambda s: _gap(head, s), default=None)
                if target is not None:
                    break
            following = []
            for i in level:
                for other, candidate in enumerate(polylines):
                    if other not in seen and _touches(polylines[i], candidate):
                        seen.add(other)
                        following.append(other)
            level = following
        used.add(index)
        if not incoming:
            out.append((exits[0], target))
    return out


def flows(row_shapes: list[Shape], polylines, arrows) -> list[tuple[int, int]]:
    """Arrows between the shapes of one row: (from, to) indexes, for the order of the work."""
    out: list[tuple[int, int]] = []
    for head in arrows:
        near = [i for i, s in enumerate(row_shapes) if _gap(head, s) < 12]
        if not near:
            continue
        to = min(near, key=lambda i: _gap(head, row_shapes[i]))
        level = [i for i, line in enumerate(polylines) if _near(head, line, 4.0)]
        seen = set(level)
        for _ in range(3):
            sources = {j for i in level for j, s in enumerate(row_shapes)
                       if j != to and any(_inside(p, s, 12) for p in polylines[i])}  # lines may start behind a box, or short of it
            if sources:
                out += [(j, to) for j in sorted(sources)]
                break
            following = [o for i in level for o, c in enumerate(polylines) if o not in seen and _touches(polylines[i], c)]
            seen.update(following)
            level = following
    return out
