"""What a change does to one SOP, in words a reviewer understands: identity fields, lists, steps
added, removed, reworded, moved or given to another actor, Waktu with the old and new total.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from ..messages import define, say
from ..sop.model import Sop, Step

for _key, _id, _en in (
    ("diff.identity", "{label} diubah: {old} → {new}", "{label} changed: {old} → {new}"),
    ("diff.item_added", "{label} ditambah: {item}", "{label} added: {item}"),
    ("diff.item_removed", "{label} dihapus: {item}", "{label} removed: {item}"),
    ("diff.reordered", "Urutan {part} diubah", "Order of {part} changed"),
    ("diff.step_added", "Langkah {n} ditambah: “{text}” (pelaksana: {actors}{time})",
     "Step {n} added: “{text}” (actors: {actors}{time})"),
    ("diff.step_time", "; waktu {time}", "; time {time}"),
    ("diff.step_removed", "Langkah {n} lama dihapus: “{text}”", "Old step {n} removed: “{text}”"),
    ("diff.step_name", "Langkah {n} (“{text}”)", "Step {n} (“{text}”)"),
    ("diff.step_moved", "{name} dipindah dari urutan {old} ke urutan {new}", "{name} moved from position {old} to position {new}"),
    ("diff.step_reworded", "Uraian langkah {n} diubah: “{old}” → “{new}”", "Uraian of step {n} changed: “{old}” → “{new}”"),
    ("diff.step_reassigned", "{name} dialihkan dari pelaksana {old} ke {new}", "{name} given from pelaksana {old} to {new}"),
    ("diff.step_time_changed", "Waktu {step}: {old} → {new}", "Waktu of {step}: {old} → {new}"),
    ("diff.step_symbol", "Simbol/alur {step} diubah: {old} → {new}", "Symbol/flow of {step} changed: {old} → {new}"),
    ("diff.step_cells", "{label} {step}: {old} → {new}", "{label} of {step}: {old} → {new}"),
    ("diff.actor_symbol", "langkah {n}: simbol {actor} {old} → {new}", "step {n}: symbol of {actor} {old} → {new}"),
    ("diff.branches", "langkah {n}: cabang {yes} → {ya}, {no} → {tidak}", "step {n}: branches {yes} → {ya}, {no} → {tidak}"),
    ("diff.symbol_text", "langkah {n}: teks simbol {old} → {new}", "step {n}: text in the symbol {old} → {new}"),
    ("diff.branch_labels", "langkah {n}: label cabang {old} → {new}", "step {n}: branch labels {old} → {new}"),
    ("diff.printed_number", "{name}: nomor tercetak {old} → {new}", "{name}: printed number {old} → {new}"),
    ("diff.empty", "(kosong)", "(empty)"),
    ("diff.total", "Total waktu penyelesaian: {old} → {new}", "Total completion time: {old} → {new}"),
    ("diff.signature", "Blok tanda tangan (penandatangan) diubah", "Signature block (signer) changed"),
    ("diff.revision", "Riwayat revisi ditambah: {parts}", "Riwayat revisi added: {parts}"),
    ("diff.version", "versi {version}", "version {version}"),
    ("diff.sample_on", "Tanda contoh dipasang", "Marked as a sample"),
    ("diff.sample_off", "Tanda contoh dilepas", "No longer marked as a sample"),
    ("diff.new", "SOP baru: {parts}", "New SOP: {parts}"),
    ("diff.new_steps", "{count} langkah", "{count} step(s)"),
    ("diff.new_actors", "pelaksana: {actors}", "actors: {actors}"),
    ("diff.new_total", "total waktu {total}", "total time {total}"),
    ("diff.new_status", "status {status}", "status: {status}"),
):
    define(_key, id=_id, en=_en)

# The summary --------------------------------------------------------------------------------


@dataclass
class Change:
    """One sentence of the summary, with its data for `--format json`."""

    kind: str
    text: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class FileChange:
    """What happened to one SOP file: `status` is baru, dihapus, diubah, dipindah or tidak_valid."""

    status: str
    path: str
    old_path: str | None = None
    number: str | None = None
    title: str | None = None
    changes: list[Change] = field(default_factory=list)

    @property
    def label(self) -> str:
        if self.title is None:
            return self.path
        return f"{self.number} {self.title}" if self.number else self.title


def _q(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "(kosong)"
    if isinstance(value, (list, tuple)):
        return ", ".join(f"“{v}”" for v in value)
    return f"“{value}”"


IDENTITY = (
    ("number", "Nomor SOP"),
    ("title", "Nama SOP"),
    ("organisation", "Organisasi"),
    ("created", "Tanggal Pembuatan"),
    ("revised", "Tanggal Revisi"),
    ("approved", "Tanggal Pengesahan"),
    ("effective", "Tanggal Efektif"),
    ("approved_by", "Disahkan oleh"),
    ("status", "Status"),
    ("replaced_by", "Diganti oleh"),
)

LISTS = (
    ("legal_basis", "Dasar Hukum", "dasar hukum"),
    ("qualifications", "Kualifikasi Pelaksana", "kualifikasi pelaksana"),
    ("related", "Keterkaitan", "keterkaitan"),
    ("equipment", "Peralatan/Perlengkapan", "peralatan/perlengkapan"),
    ("warnings", "Peringatan", "peringatan"),
    ("records", "Pencatatan dan Pendataan", "pencatatan dan pendataan"),
    ("actors", "Pelaksana", "pelaksana"),
)

STEP_LISTS = (("requirements", "kelengkapan"), ("output", "output"), ("remarks", "keterangan"))


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return getattr(value, "value", value)


def _identity_changes(old: Sop, new: Sop) -> list[Change]:
    changes = []
    for attr, label in IDENTITY:
        before, after = _plain(getattr(old, attr)), _plain(getattr(new, attr))
        if before != after:
            changes.append(
                Change("identitas", say("diff.identity", label=label, old=_q(before), new=_q(after)),
                       {"isian": label, "lama": before, "baru": after})
            )
    return changes


def _list_changes(old: Sop, new: Sop) -> list[Change]:
    changes = []
    for attr, label, lower in LISTS:
        before, after = list(getattr(old, attr)), list(getattr(new, attr))
        for item in after:
            if item not in before:
                changes.append(Change(f"{attr}_ditambah", say("diff.item_added", label=label, item=_q(item)),
                                      {"bagian": label, "butir": item}))
        for item in before:
            if item not in after:
                changes.append(Change(f"{attr}_dihapus", say("diff.item_removed", label=label, item=_q(item)),
                                      {"bagian": label, "butir": item}))
        if not any(c.data.get("bagian") == label for c in changes) and before != after:
            changes.append(Change(f"{attr}_diurutkan", say("diff.reordered", part=lower), {"bagian": label}))
    return changes


def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.casefold(), b.casefold()).ratio()


def _match_steps(old: list[Step], new: list[Step]) -> list[tuple[int, int]]:
    """Pairs (old index, new index) of the same step: same text first, then similar text."""
    pairs: list[tuple[int, int]] = []
    free_new = list(range(len(new)))
    free_old = []
    for i, step in enumerate(old):
        hit = next((j for j in free_new if new[j].description == step.description), None)
        if hit is None:
            free_old.append(i)
        else:
            pairs.append((i, hit))
            free_new.remove(hit)
    # reworded steps: best remaining similar text (at least 60 % alike), in order
    candidates = sorted(
        ((_similar(old[i].description, new[j].description), i, j) for i in free_old for j in free_new),
        reverse=True,
    )
    used_old: set[int] = set()
    used_new: set[int] = set()
    for score, i, j in candidates:
        if score < 0.6 or i in used_old or j in used_new:
            continue
        pairs.append((i, j))
        used_old.add(i)
        used_new.add(j)
    return sorted(pairs)


def _stable(pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The pairs that keep their order (longest increasing run of new indexes); others moved."""
    best: list[list[tuple[int, int]]] = []
    for pair in pairs:
        chain = max((c for c in best if c[-1][1] < pair[1]), key=len, default=[])
        best.append([*chain, pair])
    longest = max(best, key=len, default=[])
    return set(longest)


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _step_changes(old: Sop, new: Sop) -> list[Change]:
    changes: list[Change] = []
    pairs = _match_steps(old.steps, new.steps)
    stable = _stable(pairs)
    matched_old = {i for i, _ in pairs}
    matched_new = {j for _, j in pairs}
    for j, step in enumerate(new.steps):
        if j not in matched_new:
            changes.append(Change(
                "langkah_ditambah",
                say("diff.step_added", n=new.number_of(j), text=_short(step.description), actors=", ".join(step.actors),
                    time=say("diff.step_time", time=step.time) if step.time else ""),
                {"langkah": new.number_of(j), "uraian": step.description, "pelaksana": list(step.actors), "waktu": step.time},
            ))
    for i, step in enumerate(old.steps):
        if i not in matched_old:
            changes.append(Change(
                "langkah_dihapus",
                say("diff.step_removed", n=old.number_of(i), text=_short(step.description)),
                {"langkah_lama": old.number_of(i), "uraian": step.description},
            ))
    for i, j in pairs:
        before, after = old.steps[i], new.steps[j]
        name = say("diff.step_name", n=new.number_of(j), text=_short(after.description, 50))
        of = name[0].lower() + name[1:]  # "langkah 2 (…)" inside a sentence
        where = {"langkah": new.number_of(j), "langkah_lama": old.number_of(i)}
        if (i, j) not in stable:
            changes.append(Change("langkah_dipindah", say("diff.step_moved", name=name, old=i + 1, new=j + 1), where))
        if before.description != after.description:
            changes.append(Change(
                "uraian_diubah",
                say("diff.step_reworded", n=new.number_of(j), old=_short(before.description), new=_short(after.description)),
                {**where, "lama": before.description, "baru": after.description},
            ))
        if before.actors != after.actors:
            changes.append(Change(
                "pelaksana_diubah",
                say("diff.step_reassigned", name=name, old=", ".join(before.actors), new=", ".join(after.actors)),
                {**where, "lama": list(before.actors), "baru": list(after.actors)},
            ))
        if before.time != after.time:
            changes.append(Change(
                "waktu_diubah",
                say("diff.step_time_changed", step=of, old=before.time or say("diff.empty"), new=after.time or say("diff.empty")),
                {**where, "lama": before.time, "baru": after.time},
            ))
        changes += _chart_changes(old, new, i, j, of, where)
        for attr, label in STEP_LISTS:
            a, b = list(getattr(before, attr)), list(getattr(after, attr))
            if a != b:
                changes.append(Change(
                    f"{label}_diubah",
                    say("diff.step_cells", label=label.capitalize(), step=of, old=_q(a), new=_q(b)),
                    {**where, "lama": a, "baru": b},
                ))
    return changes


def _chart_changes(old: Sop, new: Sop, i: int, j: int, of: str, where: dict[str, Any]) -> list[Change]:
    """How the chart of a matched step changed: its symbol and branches (per actor when a row
    holds different symbols: "langkah 3: simbol Tim SDM proses → keputusan"), the text in its
    symbol, its branch labels and its printed number."""
    before, after = old.steps[i], new.steps[j]
    n = new.number_of(j)
    changes: list[Change] = []
    if before.actor_symbols is None and after.actor_symbols is None:
        if old.symbol_of(i) != new.symbol_of(j) or (before.yes, before.no) != (after.yes, after.no):
            changes.append(Change(
                "simbol_diubah",
                say("diff.step_symbol", step=of, old=old.symbol_of(i).value, new=new.symbol_of(j).value)
                + (f" (ya → {after.yes}, tidak → {after.no})" if after.yes or after.no else ""),
                {**where, "lama": old.symbol_of(i).value, "baru": new.symbol_of(j).value},
            ))
    else:
        was, now = dict(old.symbols_of(i)), dict(new.symbols_of(j))
        for actor, symbol in now.items():
            if actor in was and was[actor] != symbol:
                changes.append(Change(
                    "simbol_diubah",
                    say("diff.actor_symbol", n=n, actor=actor, old=was[actor].value, new=symbol.value),
                    {**where, "pelaksana": actor, "lama": was[actor].value, "baru": symbol.value},
                ))
        if (before.yes, before.no) != (after.yes, after.no) and (after.yes or after.no):
            changes.append(Change(
                "cabang_diubah",
                say("diff.branches", n=n, yes=after.yes_text, ya=after.yes, no=after.no_text, tidak=after.no),
                {**where, "lama": [before.yes, before.no], "baru": [after.yes, after.no]},
            ))
    if before.symbol_text != after.symbol_text:
        changes.append(Change(
            "teks_simbol_diubah",
            say("diff.symbol_text", n=n, old=_q([before.symbol_text] if before.symbol_text else []),
                new=_q([after.symbol_text] if after.symbol_text else [])),
            {**where, "lama": before.symbol_text, "baru": after.symbol_text},
        ))
    if (before.yes_text, before.no_text) != (after.yes_text, after.no_text):
        changes.append(Change(
            "label_cabang_diubah",
            say("diff.branch_labels", n=n, old=f"{before.yes_text}/{before.no_text}", new=f"{after.yes_text}/{after.no_text}"),
            {**where, "lama": [before.yes_text, before.no_text], "baru": [after.yes_text, after.no_text]},
        ))
    if old.number_of(i) != n and (before.number is not None or after.number is not None):
        changes.append(Change(
            "nomor_langkah_diubah",
            say("diff.printed_number", name=of[0].upper() + of[1:], old=old.number_of(i), new=n),
            {**where, "lama": old.number_of(i), "baru": n},
        ))
    return changes


def _total(sop: Sop) -> str | None:
    return sop.total_time.format() if sop.total_time else None


def compare_sops(old: Sop, new: Sop) -> list[Change]:
    changes = _identity_changes(old, new) + _list_changes(old, new) + _step_changes(old, new)
    if _total(old) != _total(new):
        changes.append(Change(
            "total_waktu",
            say("diff.total", old=_total(old) or say("diff.empty"), new=_total(new) or say("diff.empty")),
            {"lama": _total(old), "baru": _total(new)},
        ))
    if old.signature != new.signature:
        changes.append(Change("penandatangan", say("diff.signature")))
    for revision in new.history:
        if revision not in old.history:
            changes.append(Change(
                "riwayat",
                say("diff.revision", parts=" · ".join(
                    v for v in (revision.date, say("diff.version", version=revision.version) if revision.version else None,
                                revision.change, revision.by) if v
                )),
                {"tanggal": revision.date, "versi": revision.version, "uraian": revision.change, "oleh": revision.by},
            ))
    if old.sample != new.sample:
        changes.append(Change("contoh", say("diff.sample_on" if new.sample else "diff.sample_off")))
    return changes


def describe_new(sop: Sop) -> list[Change]:
    parts = [say("diff.new_steps", count=len(sop.steps)), say("diff.new_actors", actors=", ".join(sop.actors))]
    if _total(sop):
        parts.append(say("diff.new_total", total=_total(sop)))
    parts.append(say("diff.new_status", status=sop.status.value))
    return [Change("ringkasan", say("diff.new", parts="; ".join(parts)),
                   {"langkah": len(sop.steps), "pelaksana": list(sop.actors), "total_waktu": _total(sop),
                    "status": sop.status.value})]


