"""Checks that span fields of one SOP file: actors named by steps, decision targets,
duplicates. They work on the raw mapping so that they are reported together with schema errors."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from ..messages import define, say
from .fields import Symbol

define(
    "replaced_by.not_revoked",
    id="'diganti_oleh' hanya dipakai bersama 'status: dicabut'",
    en="'diganti_oleh' is only used with 'status: dicabut'",
)


def cross_field_problems(data: Any) -> list[tuple[tuple[str | int, ...], str]]:
    """Checks that span fields: actors named by steps, decision targets, duplicates.

    Works on the raw mapping (before or without model validation) so that these problems are
    reported together with schema errors. Returns (path, message) pairs; paths use the YAML
    keys and 0-based list indexes.
    """
    problems: list[tuple[tuple[str | int, ...], str]] = []
    if not isinstance(data, Mapping):
        return problems
    actors = data.get("pelaksana")
    actor_names = (
        [a.strip() for a in actors if isinstance(a, str)] if isinstance(actors, list) else None
    )
    if actor_names is not None:
        seen: set[str] = set()
        for i, name in enumerate(actor_names):
            if name in seen:
                problems.append((("pelaksana", i), say("actor.twice", name=name)))
            seen.add(name)
    status = data.get("status")
    if data.get("diganti_oleh") not in (None, "") and not (isinstance(status, str) and status.strip() == "dicabut"):
        problems.append((("diganti_oleh",), say("replaced_by.not_revoked")))
    steps = data.get("langkah")
    if not isinstance(steps, list):
        return problems
    count = len(steps)
    for i, step in enumerate(steps):
        if not isinstance(step, Mapping):
            continue
        named = step.get("pelaksana")
        if isinstance(named, str):
            step_actors: list[tuple[tuple[str | int, ...], str]] = [(("langkah", i, "pelaksana"), named)]
        elif isinstance(named, list):
            step_actors = [
                (("langkah", i, "pelaksana", j), a) for j, a in enumerate(named) if isinstance(a, str)
            ]
        else:
            step_actors = []
        seen_here: set[str] = set()
        for path, actor in step_actors:
            actor = actor.strip()
            if actor_names is not None and actor and actor not in actor_names:
                hint = _did_you_mean(actor, actor_names)
                problems.append(
                    (path, say("actor.undeclared", name=actor, names=", ".join(actor_names), hint=hint))
                )
            elif actor in seen_here:
                problems.append((path, say("actor.twice_in_step", name=actor)))
            seen_here.add(actor)
        symbol = step.get("simbol")
        symbol_text = symbol.strip().lower() if isinstance(symbol, str) else None
        if symbol_text is not None and symbol_text not in {s.value for s in Symbol}:
            continue  # the schema reports the unknown symbol; ya/tidak cannot be judged
        is_decision = symbol_text == Symbol.DECISION.value
        if is_decision and len(step_actors) > 1:
            problems.append(
                (("langkah", i, "pelaksana"), say("decision.one_actor"))
            )
        for key in ("ya", "tidak"):
            target = step.get(key)
            if target is None:
                if is_decision:
                    problems.append(
                        (("langkah", i), say("decision.needs", key=key))
                    )
                continue
            if not is_decision:
                problems.append(
                    ((("langkah", i, key)), say("decision.only", key=key))
                )
                continue
            try:
                number = int(str(target).strip())
            except ValueError:
                continue  # the schema reports the type error
            if not 1 <= number <= count:
                problems.append(
                    (("langkah", i, key), say("decision.no_target", number=number, count=count))
                )
            elif number == i + 1:
                problems.append((("langkah", i, key), say("decision.self")))
    return problems


def _did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return say("field.did_you_mean", name=close[0]) if close else ""


