"""Mermaid source of an SOP's swimlane: one lane per Pelaksana, one node per step.

Mermaid 11.16+ has a `swimlane-beta` diagram (flowchart syntax) whose top-level subgraphs are
lanes drawn side by side in written order; with `ignoreCrossLaneEdges: false` every step gets
its own row, like the rows of the procedure table, and the non-colour `default` theme leaves the
lanes to Material's palette (light and dark). The classic `flowchart` with one subgraph
per lane is kept as a fallback (`engine="flowchart"`), though its lanes may drift.

A step done by several actors together has a node in each of their lanes ("s6" in the
first, "s6_2" in the second …), each in the shape of the symbol that actor's column holds
(`pelaksana` as a mapping actor -> symbol), joined by arrows in the order of the work before the
flow goes on to the next step (from the row's diamond, when it has one, with the branch labels
as printed); arrows into the step reach its first node. Labels carry the printed step number;
a diamond with `teks_simbol` shows that text.

Every text from YAML is written as Mermaid entity codes (`#60;` for "<"), so no quote,
bracket, `%%`, `click`, `style` or HTML in a step or actor name can end a label or start a
statement: it stays text inside a quoted label.
"""

from __future__ import annotations

from ..sop.model import Sop, Symbol

__all__ = ["swimlane_source", "mermaid_text", "shorten", "lane_label", "ENGINES"]

ENGINES = ("swimlane-beta", "flowchart")

MAX_STEP_CHARS = 70
MAX_DECISION_CHARS = 45
MAX_LANE_LINE_CHARS = 18
"""Lane names wrap at word boundaries into lines this long: Mermaid widens a lane's header for a
name wider than the lane, which then overlaps its neighbours. A line of 18 characters fits the
narrowest lane (a node's minimum width plus padding)."""

_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ")

# node shapes by symbol: (open, close)
_SHAPES = {
    Symbol.START: ('(["', '"])'),
    Symbol.END: ('(["', '"])'),
    Symbol.PROCESS: ('["', '"]'),
    Symbol.DECISION: ('{"', '"}'),
}


def mermaid_text(text: str) -> str:
    """Text for inside a quoted Mermaid label: every character but ASCII letters, digits and
    spaces becomes an entity code, and whitespace runs become one space."""
    return "".join(c if c in _SAFE else f"#{ord(c)};" for c in " ".join(text.split()))


def shorten(text: str, limit: int) -> str:
    """Cut a long text at a word boundary with an ellipsis (the table keeps the full text)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,.;:") + "…"


def lane_label(actor: str, limit: int = MAX_LANE_LINE_CHARS) -> str:
    """An actor's name for its lane header, in lines of at most `limit` characters (a longer
    single word keeps its own line). The loader (mermaid-loader.js) makes every lane's header as
    tall as the tallest name, so no name spills over the top."""
    lines: list[str] = []
    for word in actor.split():
        if lines and len(lines[-1]) + 1 + len(word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br/>".join(mermaid_text(line) for line in lines)


def node_label(sop: Sop, index: int, symbol: Symbol | None = None) -> str:
    """Visible label of step `index` (0-based): printed number, shortened text (a diamond's
    `teks_simbol` when it has one), and its Waktu. `symbol`: the node's own symbol."""
    step = sop.steps[index]
    symbol = symbol or sop.symbol_of(index)
    text = step.symbol_text if symbol is Symbol.DECISION and step.symbol_text else step.description
    limit = MAX_DECISION_CHARS if symbol is Symbol.DECISION else MAX_STEP_CHARS
    label = mermaid_text(f"{sop.number_of(index)}. {shorten(text, limit)}")
    if step.waktu is not None:
        label += "<br/>" + mermaid_text(f"({step.time})")
    return label


def node_ids(sop: Sop, index: int) -> list[str]:
    """Node ids of step `index` (0-based), one per actor in the order of the work: "s6" in the
    first actor's lane, "s6_2", "s6_3" … for a step shared with further actors."""
    first = f"s{index + 1}"
    return [first] + [f"{first}_{k}" for k in range(2, len(sop.steps[index].actors) + 1)]


def swimlane_source(sop: Sop, engine: str = "swimlane-beta") -> str:
    """The Mermaid source of the SOP's swimlane."""
    if engine not in ENGINES:
        raise ValueError(f"unknown swimlane engine {engine!r}; use one of {', '.join(ENGINES)}")
    lines: list[str] = []
    if engine == "swimlane-beta":
        lines += ["---", "config:", "  theme: default", "  swimlane:", "    ignoreCrossLaneEdges: false", "---"]
        lines.append("swimlane-beta TD")
    else:
        lines.append("flowchart TD")
    # lane -> (step index, node id); a step shared by several actors has a node in each lane
    lanes: dict[str, list[tuple[int, str, Symbol]]] = {actor: [] for actor in sop.actors}
    for index, step in enumerate(sop.steps):
        for (actor, symbol), node in zip(sop.symbols_of(index), node_ids(sop, index)):
            lanes[actor].append((index, node, symbol))
    for lane_number, (actor, indexes) in enumerate(lanes.items()):
        lines.append(f'  subgraph L{lane_number}["{lane_label(actor)}"]')
        if engine == "flowchart":
            lines.append("    direction TB")
        for index, node, symbol in indexes:
            opening, closing = _SHAPES[symbol]
            lines.append(f"    {node}{opening}{node_label(sop, index, symbol)}{closing}")
        if not indexes:
            # an actor without a step of its own still gets its lane, in its place
            lines.append(f'    x{lane_number}[" "]:::sopEmptyLane')
        lines.append("  end")
    if any(not indexes for indexes in lanes.values()):
        lines.append("  classDef sopEmptyLane fill:none,stroke:none,color:transparent")
    count = len(sop.steps)
    for index, step in enumerate(sop.steps):
        symbol = sop.symbol_of(index)
        nodes = node_ids(sop, index)
        for before, after in zip(nodes, nodes[1:]):
            lines.append(f"  {before} --> {after}")  # the shared step, in the order of the work
        symbols = [s for _, s in sop.symbols_of(index)]
        here = nodes[symbols.index(Symbol.DECISION)] if Symbol.DECISION in symbols else nodes[-1]
        if symbol is Symbol.DECISION:
            for target, label in ((step.yes, step.yes_text), (step.no, step.no_text)):
                target_index = sop.index_of(target) if target is not None else None
                if target_index is not None:
                    lines.append(f"  {here} -->|{mermaid_text(label)}| s{target_index + 1}")
        elif symbol is not Symbol.END and index + 1 < count:
            lines.append(f"  {here} --> s{index + 2}")
    return "\n".join(lines) + "\n"
