"""The one mapper: a grid (from any reader) → an SOP as a dict in the YAML format, plus what to check.

Every unsure decision is recorded as a note `(field path, message)`; text that was not
understood is kept in `unread`, never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..messages import say
from .grid import Cell, Grid, Table
from .sections import identity, organisation, sections

__all__ = ["Draft", "map_grid", "column_roles"]

_ROLES = (
    ("no", re.compile(r"^(no|nomor)\.?$", re.I)),
    ("uraian", re.compile(r"kegiatan|uraian|aktivitas|prosedur", re.I)),
    ("kelengkapan", re.compile(r"kelengkapan|persyaratan|syarat|input", re.I)),
    ("waktu", re.compile(r"waktu", re.I)),
    ("output", re.compile(r"output|keluaran|hasil", re.I)),
    ("keterangan", re.compile(r"^ket(\.|erangan\b.*)?$", re.I)),
)
_YES = re.compile(r"^(ya|y|yes|setuju|sesuai|lengkap|benar|ok|a)$", re.I)
_NO = re.compile(r"^(tidak|t|tdk|no|n|tidak setuju|tidak sesuai|tidak lengkap|salah|b)$", re.I)
_NEGATIVE = re.compile(r"\b(tidak|tdk|belum|bukan|no|gagal|ditolak|tolak|offline|salah|kurang)\b|^t$", re.I)
_NUMBER = re.compile(r"^\(?(\d{1,3})\)?\.?$")
_MULAI = re.compile(r"\bmulai\b|\bstart\b", re.I)
_SELESAI = re.compile(r"\bselesai\b|\bend\b|\bfinish\b", re.I)


@dataclass
class Draft:
    data: dict[str, Any]
    notes: list[tuple[tuple, str]] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)

    def note(self, path: tuple, message: str) -> None:
        self.notes.append((path, message))


def column_roles(table: Table) -> tuple[dict[str, int], list[int]]:
    """Which column is No, uraian, each Mutu Baku cell, Keterangan; the rest between are actors."""
    roles: dict[str, int] = {}
    for index, column in enumerate(table.columns):
        for role, pattern in _ROLES:
            if role not in roles and pattern.search(column.label or ""):
                if role == "no" and index > 1:
                    continue
                roles[role] = index
                break
    if "no" not in roles and roles.get("uraian", 0) >= 1:
        roles["no"] = 0  # No shares its header cell with Kegiatan/Uraian
    start = roles.get("uraian", 1) + 1
    ends = [i for r, i in roles.items() if r not in ("no", "uraian") and i >= start]
    end = min(ends) if ends else len(table.columns)
    actors = [i for i in range(start, end) if table.columns[i].label.strip()]
    return roles, actors


def _actor_name(label: str) -> str:
    return " ".join(label.replace("- ", "-").split())


def _split_list(cell: Cell, sop: bool = True) -> str | list[str]:
    """A cell's text, or a list when its lines start with numbers, bullets (or "SOP …" titles)."""
    lines = [" ".join(line.split()) for line in cell.lines if line.strip()]
    if cell.text in ("-", "\u2013"):
        return "-"
    pattern = r"^(SOP\b|\d+[.)]\s|[-•]\s?)" if sop else r"^(\d+[.)]\s|[-•]\s)"
    starts = [i for i, line in enumerate(lines) if re.match(pattern, line)]
    if len(starts) > 1 and starts[0] == 0:
        items = []
        for a, b in zip(starts, starts[1:] + [len(lines)]):
            items.append(re.sub(r"^(\d+[.)]|[-•])\s*", "", " ".join(lines[a:b])).strip())
        items = [i for i in items if i]
        return items if len(items) != 1 else items[0]
    return cell.text


def map_grid(grid: Grid, *, extensions: set[str]) -> Draft:
    """`extensions`: issue-23 field names the model accepts (pelaksana mapping, teks_simbol, …)."""
    draft = Draft({})
    pieces = list(grid.pieces)
    data = draft.data
    org = organisation(pieces)
    if org:
        data["organisasi"] = org
    data.update(identity(pieces, draft))
    for page in sorted({w.page for w in grid.warnings if w.code == "import.page_image" and w.page}):
        draft.note(("langkah",), say("import.page_image", page=page))
    data.update(sections(pieces, draft))
    if grid.signed_electronically and isinstance(data.get("penandatangan"), dict):
        data["penandatangan"]["elektronik"] = True  # printed as a line, not a space to sign
    table = grid.table
    if table is None:
        return draft
    roles, actor_columns = column_roles(table)
    actors = [_actor_name(table.columns[i].label) for i in actor_columns]
    data["pelaksana"] = actors
    for warning in grid.warnings:
        if warning.code in ("import.continued", "import.chart_image"):
            draft.note(("langkah",), say(warning.code, page=warning.page))
    _steps(table, roles, actor_columns, actors, draft, extensions)
    return draft


def _steps(table: Table, roles, actor_columns, actors, draft: Draft, extensions: set[str]) -> None:
    steps: list[dict[str, Any]] = []
    row_step: dict[int, int] = {}
    printed: list[int] = []
    cells_of: list[list[Cell]] = []
    for r, row in enumerate(table.rows):
        no = row[roles["no"]].text if "no" in roles else ""
        match = _NUMBER.match(no)
        if _column_numbers(row):
            continue  # the (1) (2) (3) row under the header, repeated on every page
        if match is None and cells_of and not any(_NUMBER.match(c.text or "x") for c in row[:1]):
            if any(c.text or c.shapes for c in row):
                for mine, extra in zip(cells_of[-1], row):  # a step continued on the next row or page
                    mine.lines += extra.lines
                    mine.shapes += extra.shapes
                row_step[r] = len(cells_of) - 1
            continue
        if match is None:
            if any(c.text for c in row):
                draft.unread.append(" | ".join(c.text for c in row if c.text))
            continue
        printed.append(int(match.group(1)))
        cells_of.append([Cell(list(c.lines), list(c.shapes), c.spilled) for c in row])
        row_step[r] = len(cells_of) - 1
    renumber = printed != list(range(1, len(printed) + 1))
    if renumber and any(b <= a for a, b in zip(printed, printed[1:])):
        renumber = False  # not a numbering the format can hold: each step keeps its place, said beside it
        for index, number in enumerate(printed):
            if index + 1 != number:
                draft.note(("langkah", index), say("import.number_printed", number=number))
    last = len(cells_of) - 1
    for index, cells in enumerate(cells_of):
        path = ("langkah", index)
        step: dict[str, Any] = {"uraian": cells[roles["uraian"]].text if "uraian" in roles else ""}
        if not step["uraian"]:
            step["uraian"] = "-"
            draft.note(path + ("uraian",), say("import.no_text"))
        if renumber:
            if "no" in extensions:
                step["no"] = printed[index]
            else:
                draft.note(path, say("import.number_printed", number=printed[index]))
        symbols: list[tuple[str, str, str]] = []  # (actor, symbol, text)
        for column, actor in zip(actor_columns, actors):
            for shape in cells[column].shapes:
                symbol = _symbol(shape.kind, shape.text, index, last, draft, path)
                if not any(a == actor for a, _, _ in symbols):
                    symbols.append((actor, symbol, shape.text))
            printed_labels = {w.casefold() for l in table.links for w in l.label.split()}
            stray = [line for line in cells[column].lines if not re.match(r"^(ya|y|tidak|t|tdk)$", line.strip(), re.I)
                     and not set(line.casefold().split()) <= printed_labels]
            if stray:
                draft.unread.append(f"{say('import.step', number=index + 1)}, {actor}: {' '.join(stray)}")
        symbols = _work_order(symbols, actors, actor_columns, [f for f in table.flows if row_step.get(f[0]) == index])
        _actors(step, symbols, actors, steps, draft, path, extensions)
        for role in ("kelengkapan", "waktu", "output", "keterangan"):
            if role in roles:
                cell = cells[roles[role]]
                value = cell.text if role == "waktu" else _split_list(cell, sop=role == "keterangan")
                if value:
                    step[role] = value
                if cell.spilled:
                    draft.note(path + (role,), say("import.spilled"))
        if any(cells[c].spilled for c in (roles.get("uraian", -1),) if c >= 0):
            draft.note(path + ("uraian",), say("import.spilled"))
        steps.append(step)
    _decisions(table, steps, row_step, printed if renumber else None, draft, extensions)
    draft.data["langkah"] = steps
    if not steps:
        draft.note(("langkah",), say("import.no_steps"))


def _work_order(symbols, actors, actor_columns, flows):
    """Symbols in the order of the work: along the arrows between them, else left to right."""
    if len(symbols) < 2 or not flows:
        return symbols
    column = {actor: actor_columns[actors.index(actor)] for actor, _, _ in symbols}
    names = [a for a, _, _ in symbols]
    before = {a: {b for b in names if (0, column[b], column[a]) in {(0, f, t) for _, f, t in flows}} for a in names}
    ordered: list[str] = []
    while len(ordered) < len(names):
        ready = [a for a in names if a not in ordered and not (before[a] - set(ordered))]
        ordered.append(ready[0] if ready else next(a for a in names if a not in ordered))
    by_name = {a: (a, s, t) for a, s, t in symbols}
    return [by_name[a] for a in ordered]


def _column_numbers(row: list[Cell]) -> bool:
    numbers = [(j, _NUMBER.match(c.text)) for j, c in enumerate(row) if c.text]
    if len(numbers) < 2 or not all(m for _, m in numbers):
        return False
    values = [int(m.group(1)) for _, m in numbers]
    bracketed = all(row[j].text.startswith("(") for j, _ in numbers)
    return (len(numbers) >= 3 or bracketed) and values == sorted(values) and len(set(values)) == len(values) \
        and values[1] == values[0] + 1


def _symbol(kind: str, text: str, index: int, last: int, draft: Draft, path: tuple) -> str:
    if kind == "diamond":
        return "keputusan"
    if kind == "box":
        return "proses"
    if _MULAI.search(text):
        return "mulai"
    if _SELESAI.search(text):
        return "selesai"
    if index == 0:
        return "mulai"
    if index == last:
        return "selesai"
    draft.note(path + ("simbol",), say("import.rounded"))
    return "proses"


def _actors(step, symbols, actors, steps, draft: Draft, path, extensions) -> None:
    if not symbols:
        previous = steps[-1]["pelaksana"] if steps else actors[0] if actors else "-"
        if isinstance(previous, dict):
            previous = list(previous)[-1]
        step["pelaksana"] = previous
        draft.note(path + ("pelaksana",), say("import.no_shape"))
        return
    texts = [t for _, s, t in symbols if t and s == "keputusan"] or [t for _, _, t in symbols if t and not (_MULAI.search(t) or _SELESAI.search(t))]
    kinds = {s for _, s, _ in symbols}
    names = [a for a, _, _ in symbols]
    if len(kinds) == 1:
        step["pelaksana"] = names[0] if len(names) == 1 else names
        step["simbol"] = symbols[0][1]
        if step["simbol"] == "keputusan" and len(names) > 1:
            step["pelaksana"] = names[0]
            draft.note(path + ("pelaksana",), say("import.two_decisions", actors=", ".join(names)))
    elif "pelaksana_mapping" in extensions:
        mapping: dict[str, str] = {}
        for actor, symbol, _ in symbols:
            if symbol == "keputusan" and "keputusan" in mapping.values():
                symbol = "proses"
                draft.note(path + ("pelaksana",), say("import.two_decisions", actors=actor))
            mapping[actor] = symbol
        step["pelaksana"] = mapping
    else:
        chosen = next((s for s in ("keputusan", "mulai", "selesai", "proses") if s in kinds))
        step["pelaksana"] = [a for a, s, _ in symbols if s == chosen][:1 if chosen == "keputusan" else None]
        if len(step["pelaksana"]) == 1:
            step["pelaksana"] = step["pelaksana"][0]
        step["simbol"] = chosen
        draft.note(path + ("pelaksana",), say("import.mixed", symbols=", ".join(f"{a}: {s}" for a, s, _ in symbols)))
    if texts:
        if "teks_simbol" in extensions:
            step["teks_simbol"] = texts[0]
        else:
            draft.note(path, say("import.symbol_text", text=texts[0]))


def _is_decision(step: dict) -> bool:
    p = step["pelaksana"]
    return step.get("simbol") == "keputusan" or (isinstance(p, dict) and "keputusan" in p.values())


def _decisions(table: Table, steps, row_step, printed, draft: Draft, extensions) -> None:
    number = (lambda i: printed[i]) if printed else (lambda i: i + 1)
    for index, step in enumerate(steps):
        if not _is_decision(step):
            continue
        path = ("langkah", index)
        rows = [r for r, s in row_step.items() if s == index]
        links = [l for l in table.links if l.row in rows]
        found: dict[str, tuple[int, str]] = {}
        usable = [l for l in links if l.target is not None and l.target in row_step and row_step[l.target] != index]
        for link in usable:
            key = "ya" if _YES.match(link.label) else "tidak" if _NO.match(link.label) else None
            if key is None and len(usable) == 2 and link.label:
                other = next(l for l in usable if l is not link)
                if _NEGATIVE.search(link.label) and not _NEGATIVE.search(other.label):
                    key = "tidak"
                elif _NEGATIVE.search(other.label) and not _NEGATIVE.search(link.label):
                    key = "ya"
            if key is None:
                continue
            found.setdefault(key, (row_step[link.target], link.label))
        if not found and len(usable) == 2 and row_step[usable[0].target] != row_step[usable[1].target]:
            # no label printed: the branch going on is Ya, the one going back is Tidak (marked)
            later, earlier = sorted(usable, key=lambda l: -row_step[l.target])
            found = {"ya": (row_step[later.target], later.label), "tidak": (row_step[earlier.target], earlier.label)}
            draft.note(path + ("ya",), say("import.label_missing"))
            draft.note(path + ("tidak",), say("import.label_missing"))
        if len(found) == 1 and len(usable) == 2:
            taken = next(iter(found.values()))
            rest = [l for l in usable if (row_step[l.target], l.label) != taken]
            if len(rest) == 1:
                other = "tidak" if "ya" in found else "ya"
                found[other] = (row_step[rest[0].target], rest[0].label)
                draft.note(path + (other,), say("import.label_missing"))
        for key, default in (("ya", index + 1), ("tidak", index - 1)):
            if key in found:
                target, label = found[key]
                step[key] = number(target)
                printed_label = label.strip()
                default_label = "Ya" if key == "ya" else "Tidak"
                if printed_label and printed_label.casefold() != default_label.casefold():
                    if f"label_{key}" in extensions:
                        step[f"label_{key}"] = printed_label
                    else:
                        draft.note(path + (key,), say("import.label_printed", label=printed_label))
            else:
                target = min(max(default, 0), len(steps) - 1)
                if target == index:
                    target = index + 1 if index + 1 < len(steps) else max(index - 1, 0)
                step[key] = number(target)
                draft.note(path + (key,), say("import.target_inferred"))
