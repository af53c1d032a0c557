"""From an SOP to its flowchart: the arrows between steps (`transitions`) and the symbols in
each actor's column (`build_chart`), routed by `routing.py`."""

from __future__ import annotations

from ..sop.model import Sop, Symbol
from .chart import Chart
from .geometry import Mark, Transition, symbol_size, wrap_text
from .routing import route

__all__ = ["transitions", "build_chart"]


def transitions(sop: Sop) -> list[Transition]:
    """The chart's arrows between steps (printed numbers): to the next step after a start or
    process step, both branches of a decision (labelled as printed: Ya / Tidak, Y / T, A / B),
    nothing after an end step or after the last step."""
    result: list[Transition] = []
    count = len(sop.steps)
    for index, step in enumerate(sop.steps):
        number = sop.number_of(index)
        symbol = sop.symbol_of(index)
        if symbol is Symbol.END:
            continue
        if symbol is Symbol.DECISION and step.yes is not None and step.no is not None:
            result.append(Transition(number, step.yes, step.yes_text))
            result.append(Transition(number, step.no, step.no_text))
        elif index + 1 < count:
            result.append(Transition(number, sop.number_of(index + 1)))
    return result


def build_chart(sop: Sop) -> Chart:
    """Symbols and routed connectors of the SOP's chart."""
    columns = {actor: i for i, actor in enumerate(sop.actors)}
    marks: dict[tuple[int, int], Mark] = {}
    orders: list[list[int]] = []
    exits: list[int] = []
    for row, step in enumerate(sop.steps):
        number = sop.number_of(row)
        pairs = [(columns[a], symbol) for a, symbol in sop.symbols_of(row) if a in columns]
        if step.actor_symbols is None:
            pairs.sort(key=lambda pair: pair[0])  # a shared step: joined left to right
        text = wrap_text(step.symbol_text) if step.symbol_text else ()
        decision = next((col for col, symbol in pairs if symbol is Symbol.DECISION), None)
        for col, symbol in pairs:
            lines = text if decision is None or col == decision else ()
            hw, hh = symbol_size(symbol, lines)
            marks[(row, col)] = Mark(number, symbol, sop.actors[col], hw, hh, lines)
        orders.append([col for col, _ in pairs])
        exits.append(decision if decision is not None else pairs[-1][0])
    chart = Chart(
        rows=len(sop.steps),
        cols=len(sop.actors),
        marks=marks,
        connectors=transitions(sop),
        joins=[],
    )
    route(chart, orders, exits, {sop.number_of(i): i for i in range(len(sop.steps))})
    return chart
