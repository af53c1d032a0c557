"""The printed widths of the procedure table's columns (`column_widths`): what Chromium's
automatic layout does with print.css's shares, each column at least as wide as its longest
word, the text columns' shares moved towards the text they hold. A table planned over sheets is
printed with exactly these widths (`table-layout: fixed`, a `<col>` each). No MkDocs here."""

from __future__ import annotations

import re

from ..drawing.flowchart import Chart
from ..sop.model import Sop
from .metrics import FONT_PX, LIST_INDENT, PAD_H, Metrics, word_width

__all__ = ["column_widths", "crowded", "text_widths", "HEADINGS", "ACTOR_PAD_H", "WIDTH_SAFETY"]

HEADINGS = {
    "no": "No",
    "uraian": "Uraian Prosedur",
    "kelengkapan": "Kelengkapan",
    "waktu": "Waktu",
    "output": "Output",
    "keterangan": "Keterangan",
}
"""The text columns' headings (partials/procedure.html): their longest words are the
narrowest the columns get."""

ACTOR_SHARE = 0.01
"""An actor column's share of the width (sopbook.css: `width: 1%`)."""

LANES_SHARE = 0.4
"""Actor columns get the width the chart's lanes need (`Chart.col_min_width`) as long as
together they take at most this share of the table; beyond, the text columns come first."""

ACTOR_PAD_H = FONT_PX * 0.5 + 1
"""Horizontal padding and border of an actor's header cell (sopbook.css: .25em a side)."""

WIDTH_SAFETY = 0.97
"""Share of its estimated width a text column is assumed to get."""

TEXT_COLUMNS = {
    "no": 0.04,
    "uraian": 0.22,
    "kelengkapan": 0.11,
    "waktu": 0.07,
    "output": 0.11,
    "keterangan": 0.10,
}
"""Share of the table's width of each text column (print.css)."""

SYMBOL_PX = 52
"""Width of the widest symbol, the narrowest an actor column gets."""

def column_widths(sop: Sop, metrics: Metrics, chart: Chart | None = None) -> list[float]:
    """The printed width (px) of each column of the procedure table, in the table's order:
    No, Uraian Prosedur, each actor, Kelengkapan, Waktu, Output, Keterangan. A table that is
    printed on several sheets is laid out with exactly these widths (`table-layout: fixed`,
    a `<col>` per column), so that the row heights estimated here hold.

    The widths follow what Chromium's automatic layout does with print.css's shares: every
    column gets at least its narrowest width (its header's longest word; the symbol in an actor
    column, or the width the chart's lanes and labels need there, `Chart.col_min_width`), then
    its share of the width; when the shares do not fit, each column gets its narrowest width and
    a part, the same for all, of what it lacks to its share; what is left over goes to every
    column in proportion to its share."""
    total = metrics.width
    columns = _columns(sop, metrics, chart)
    targets = [max(share * total, narrowest) for share, narrowest in columns]
    narrowest = sum(n for _, n in columns)
    if sum(targets) > total:
        ratio = max(0.0, total - narrowest) / max(sum(targets) - narrowest, 1e-9)
        widths = [n + (t - n) * ratio for (_, n), t in zip(columns, targets)]
    else:
        extra = (total - sum(targets)) / sum(share for share, _ in columns)
        widths = [t + share * extra for (share, _), t in zip(columns, targets)]
    scale = total / sum(widths)  # narrowest widths wider than the page: all shrink alike
    return [w * scale for w in widths]


def crowded(sop: Sop, metrics: Metrics, chart: Chart | None = None) -> bool:
    """Whether the columns' narrowest widths (their longest words) do not fit the sheet's
    width together: the table is then printed with `column_widths` (where the widest header
    words get soft hyphens) rather than left to the browser, which would cut it at the edge."""
    return sum(narrowest for _, narrowest in _columns(sop, metrics, chart)) > metrics.width


def _columns(sop: Sop, metrics: Metrics, chart: Chart | None) -> list[tuple[float, float]]:
    """(share, narrowest width) of each column."""
    total = metrics.width
    columns: list[tuple[float, float]] = []  # (share, narrowest)
    words = _longest_words(sop)
    shares = _shares(sop)
    for name in ("no", "uraian"):
        columns.append((shares[name], max(_longest_word(HEADINGS[name]), words[name]) + PAD_H))
    actors = [max(_actor_width(a), chart.col_symbol_width(c) if chart else 0) for c, a in enumerate(sop.actors)]  # text in a symbol
    if chart is not None:  # room for the chart's lanes and labels, unless it starves the text
        roomy = [max(width, chart.col_min_width(col)) for col, width in enumerate(actors)]
        if sum(roomy) <= LANES_SHARE * total:
            actors = roomy
    for width in actors:
        columns.append((ACTOR_SHARE, width))
    for name in ("kelengkapan", "waktu", "output", "keterangan"):
        columns.append((shares[name], max(_longest_word(HEADINGS[name]), words[name]) + PAD_H))
    return columns


_HEADER_WORDS = re.compile(r"\s+|(?<=/)")

CONTENT_WEIGHT = 0.6
"""How much of the text columns' width follows how much text each holds (the rest follows
print.css's shares): a long Keterangan gets room, an empty Output gives it."""


def _shares(sop: Sop) -> dict[str, float]:
    """Each text column's share of the table: print.css's, moved towards the share of the
    text it holds (the characters of its cells, as the rows' heights grow with them)."""
    shares = dict(TEXT_COLUMNS)
    movable = [name for name in shares if name != "no"]
    amount = dict.fromkeys(movable, 0.0)
    for step in sop.steps:
        for name, values in (("uraian", step.description), ("kelengkapan", step.requirements),
                             ("waktu", step.time), ("output", step.output), ("keterangan", step.remarks)):
            if values:
                amount[name] += len(values) if isinstance(values, str) else sum(len(v) + 4 for v in values)
    total = sum(amount.values())
    if not total:
        return shares
    pool = sum(shares[name] for name in movable)
    for name in movable:
        shares[name] = (1 - CONTENT_WEIGHT) * shares[name] + CONTENT_WEIGHT * pool * amount[name] / total
    return shares


WORD_CAP_PX = 160
"""A word in a text cell widens its column up to this (px); a longer one (a web address)
breaks inside (print.css `overflow-wrap` leaves it whole only up to the column's width)."""


_RECENT: dict[int, tuple[Sop, dict[str, float]]] = {}
"""The longest words of the SOPs planned last (by identity): the sheet plan asks for them at
every print size it tries."""


def _longest_words(sop: Sop) -> dict[str, float]:
    """Width (px) of the longest word of each text column's cells: wrapping between words
    only, a column is never narrower (up to `WORD_CAP_PX`)."""
    recent = _RECENT.get(id(sop))
    if recent is not None and recent[0] is sop:
        return recent[1]
    if len(_RECENT) > 32:
        _RECENT.clear()
    found = _measure_words(sop)
    _RECENT[id(sop)] = (sop, found)
    return found


def _measure_words(sop: Sop) -> dict[str, float]:
    found = dict.fromkeys(("no", "uraian", "kelengkapan", "waktu", "output", "keterangan"), 0.0)
    found["no"] = word_width(str(len(sop.steps)), False)
    for step in sop.steps:
        for name, values in (("uraian", step.description), ("kelengkapan", step.requirements),
                             ("waktu", step.time), ("output", step.output), ("keterangan", step.remarks)):
            if not values:
                continue
            for value in [values] if isinstance(values, str) else values:
                widest = max((word_width(w, False) for w in str(value).split()), default=0.0)
                extra = LIST_INDENT if not isinstance(values, str) and len(values) > 1 else 0.0
                found[name] = max(found[name], min(widest + extra, WORD_CAP_PX))
    return found


def _actor_width(actor: str) -> float:
    return max(SYMBOL_PX, _longest_word(actor) + ACTOR_PAD_H + 2)  # (+2: rounding in the browser)


def text_widths(sop: Sop, metrics: Metrics, columns: list[float] | None = None) -> dict[str, float]:
    """The width of the text in each text column (padding off, `WIDTH_SAFETY` taken)."""
    widths = columns or column_widths(sop, metrics)  # (without the chart's lane widths)
    n = len(sop.actors)
    named = dict(zip(("no", "uraian"), widths[:2]))
    named.update(zip(("kelengkapan", "waktu", "output", "keterangan"), widths[2 + n:]))
    return {name: width * WIDTH_SAFETY - PAD_H for name, width in named.items()}


def _longest_word(text: str) -> float:
    """Width (px) of the longest word of a header cell's text (bold); a slash between words
    is a break opportunity there (`hyphens.soft_hyphens`)."""
    return max((word_width(w, True) for w in _HEADER_WORDS.split(text) if w), default=FONT_PX)
