"""Reading rendered Mermaid diagrams through the DevTools protocol.

Material draws each diagram inside a *closed* shadow root, out of reach of page scripts, so
the DOM is read with `DOM.getDocument(pierce=True)` and measured with `DOM.getBoxModel`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def inside(self, other: "Box", slack: float = 1.0) -> bool:
        return (self.left >= other.left - slack and self.right <= other.right + slack
                and self.top >= other.top - slack and self.bottom <= other.bottom + slack)

    def overlaps_horizontally(self, other: "Box", slack: float = 1.0) -> bool:
        return self.left < other.right - slack and other.left < self.right - slack


@dataclass
class Element:
    node_id: int
    backend_id: int
    name: str
    attrs: dict[str, str]
    text: str


@dataclass
class Diagram:
    lanes: dict[int, tuple[str, Box]]  # lane number -> (label, box)
    nodes: dict[int, tuple[str, Box]]  # step number -> (label, box)
    svg_count: int


def _attrs(node: dict) -> dict[str, str]:
    raw = node.get("attributes", [])
    return dict(zip(raw[::2], raw[1::2]))


def _text(node: dict) -> str:
    if node.get("nodeType") == 3:
        return node.get("nodeValue", "")
    if node.get("nodeName") in ("STYLE", "style"):
        return ""
    parts = [_text(child) for child in node.get("children", [])]
    return " ".join(p for p in parts if p.strip())


def _walk(node: dict):
    yield node
    for key in ("children", "shadowRoots"):
        for child in node.get(key, []):
            yield from _walk(child)
    if "contentDocument" in node:
        yield from _walk(node["contentDocument"])


def ask_for_swimlanes(page) -> None:
    """What a reader does to see a swimlane (Mermaid is fetched only on request): scroll to it
    or tap "Tampilkan diagram alir"; `sopbookDrawSwimlanes` is the script's way to do both."""
    page.eval("window.sopbookDrawSwimlanes ? (window.sopbookDrawSwimlanes(), true) : false")


def read_diagram(page) -> Diagram:
    ask_for_swimlanes(page)
    root = page.send("DOM.getDocument", depth=-1, pierce=True)["root"]
    lanes: dict[int, tuple[str, Box]] = {}
    nodes: dict[int, tuple[str, Box]] = {}
    svg_count = 0
    for node in _walk(root):
        name = node.get("nodeName", "").lower()
        if name == "svg" and "flowchart" in _attrs(node).get("class", ""):
            svg_count += 1
        if name != "g":
            continue
        attrs = _attrs(node)
        ident, classes = attrs.get("id", ""), attrs.get("class", "").split()
        lane = re.search(r"-L(\d+)$", ident)
        step = re.search(r"-flowchart-s(\d+)-\d+$", ident)
        if lane and "cluster" in classes:
            label = next((_text(n) for n in _walk(node) if "cluster-label" in _attrs(n).get("class", "")), "")
            lanes[int(lane.group(1))] = (" ".join(label.split()), _box(page, node["backendNodeId"], outer=True))
        elif step and "node" in classes:
            nodes[int(step.group(1))] = (" ".join(_text(node).split()), _box(page, node["backendNodeId"]))
    return Diagram(lanes, nodes, svg_count)


def _box(page, backend_id: int, outer: bool = False) -> Box:
    quad = page.send("DOM.getBoxModel", backendNodeId=backend_id)["model"]["border"]
    xs, ys = quad[0::2], quad[1::2]
    return Box(min(xs), min(ys), max(xs), max(ys))
