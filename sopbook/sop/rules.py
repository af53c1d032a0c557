"""Checks that span fields of one SOP file: actors named by steps, decision targets,
duplicates. They work on the raw mapping so that they are reported together with schema errors."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from ..messages import define, say
from .fields import Symbol

SYMBOLS = {s.value for s in Symbol}

define(
    "number.duplicate_step",
    id="nomor langkah {number} sudah dipakai langkah sebelumnya; nomor langkah harus naik "
    "(langkah sebelumnya bernomor {last}). Tulis 'no' hanya bila nomor tercetak melompat",
    en="step number {number} is already used by an earlier step; step numbers must increase "
    "(the step before is number {last}). Write 'no' only when the printed numbering skips",
)
define(
    "number.decreasing",
    id="nomor langkah {number} lebih kecil daripada nomor langkah sebelumnya ({last}); nomor "
    "langkah harus naik, seperti tercetak di dokumen",
    en="step number {number} is lower than the step before ({last}); step numbers must "
    "increase, as printed in the document",
)
define(
    "symbol.with_mapping",
    id="'simbol' tidak dipakai bila 'pelaksana' ditulis sebagai pemetaan pelaksana: simbol; "
    "hapus 'simbol' dan tulis simbol setiap pelaksana di pemetaan itu",
    en="'simbol' is not used when 'pelaksana' is a mapping actor: symbol; remove 'simbol' and "
    "write each actor's symbol in that mapping",
)
define(
    "decision.two_in_row",
    id="satu langkah hanya boleh memuat satu 'keputusan'; 'ya'/'tidak' milik keputusan itu. "
    "Bila dokumen menggambar dua keputusan, tulis sebagai dua langkah",
    en="a step holds at most one 'keputusan'; 'ya'/'tidak' belong to it. When the document "
    "draws two decisions, write them as two steps",
)
define(
    "decision.no_step",
    id="langkah tujuan {number} tidak ada (nomor langkah: {numbers}); 'ya' dan 'tidak' memakai "
    "nomor langkah seperti tercetak",
    en="decision target {number} does not exist (step numbers: {numbers}); 'ya' and 'tidak' use "
    "the step numbers as printed",
)
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
    numbers = _printed_numbers(steps, problems)
    for i, step in enumerate(steps):
        if isinstance(step, Mapping):
            problems.extend(_step_problems(i, step, actor_names, numbers))
    return problems


def _printed_numbers(steps: list[Any], problems: list[tuple[tuple[str | int, ...], str]]) -> set[int]:
    """The printed step numbers (`no`, else one more than the step before); a duplicate or
    decreasing `no` is a problem at that step's `no`."""
    numbers: set[int] = set()
    last = 0
    for i, step in enumerate(steps):
        written = step.get("no") if isinstance(step, Mapping) else None
        number = last + 1
        if written is not None:
            try:
                number = int(str(written).strip())
            except ValueError:
                continue  # the schema reports the type error
            if number <= last:
                key = "number.duplicate_step" if number in numbers else "number.decreasing"
                problems.append((("langkah", i, "no"), say(key, number=number, last=last)))
                continue
        numbers.add(number)
        last = number
    return numbers


def _step_problems(
    i: int, step: Mapping[str, Any], actor_names: list[str] | None, numbers: set[int]
) -> list[tuple[tuple[str | int, ...], str]]:
    problems: list[tuple[tuple[str | int, ...], str]] = []
    named = step.get("pelaksana")
    mapping = isinstance(named, Mapping)
    if isinstance(named, str):
        step_actors: list[tuple[tuple[str | int, ...], str]] = [(("langkah", i, "pelaksana"), named)]
    elif isinstance(named, list):
        step_actors = [(("langkah", i, "pelaksana", j), a) for j, a in enumerate(named) if isinstance(a, str)]
    elif mapping:
        step_actors = [(("langkah", i, "pelaksana", a), a) for a in named if isinstance(a, str)]
    else:
        step_actors = []
    seen_here: set[str] = set()
    for path, actor in step_actors:
        actor = actor.strip()
        if actor_names is not None and actor and actor not in actor_names:
            hint = _did_you_mean(actor, actor_names)
            problems.append((path, say("actor.undeclared", name=actor, names=", ".join(actor_names), hint=hint)))
        elif actor in seen_here:
            problems.append((path, say("actor.twice_in_step", name=actor)))
        seen_here.add(actor)
    symbol = step.get("simbol")
    symbol_text = symbol.strip().lower() if isinstance(symbol, str) else None
    if symbol_text is not None and symbol_text not in SYMBOLS:
        return problems  # the schema reports the unknown symbol; ya/tidak cannot be judged
    if mapping:
        drawn = [v.strip().lower() for v in named.values() if isinstance(v, str)]
        if symbol is not None:
            problems.append((("langkah", i, "simbol"), say("symbol.with_mapping")))
        if drawn.count(Symbol.DECISION.value) > 1:
            problems.append((("langkah", i, "pelaksana"), say("decision.two_in_row")))
        is_decision = Symbol.DECISION.value in drawn
    else:
        is_decision = symbol_text == Symbol.DECISION.value
        if is_decision and len(step_actors) > 1:
            problems.append((("langkah", i, "pelaksana"), say("decision.one_actor")))
    for key in ("ya", "tidak"):
        target = step.get(key)
        if target is None:
            if is_decision:
                problems.append((("langkah", i), say("decision.needs", key=key)))
            continue
        if not is_decision:
            problems.append(((("langkah", i, key)), say("decision.only", key=key)))
            continue
        try:
            number = int(str(target).strip())
        except ValueError:
            continue  # the schema reports the type error
        if number not in numbers:
            shown = ", ".join(str(n) for n in sorted(numbers)) if len(numbers) <= 12 else (
                f"{min(numbers)} … {max(numbers)}" if numbers else "-")
            problems.append((("langkah", i, key), say("decision.no_step", number=number, numbers=shown)))
        elif number == _own_number(step, i, numbers):
            problems.append((("langkah", i, key), say("decision.self")))
    for key in ("label_ya", "label_tidak"):
        if step.get(key) is not None and not is_decision:
            problems.append((("langkah", i, key), say("decision.only", key=key)))
    return problems


def _own_number(step: Mapping[str, Any], i: int, numbers: set[int]) -> int | None:
    """The step's own printed number when it is plain to see (written `no`, or 1, 2, 3... in
    order so far); None when it cannot be told without the steps before."""
    written = step.get("no")
    if written is not None:
        try:
            return int(str(written).strip())
        except ValueError:
            return None
    ordered = sorted(numbers)
    return i + 1 if ordered[: i + 1] == list(range(1, i + 2)) else None


def _did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return say("field.did_you_mean", name=close[0]) if close else ""


