"""What a change does to one SOP, in words a reviewer understands: identity fields, lists, steps
added, removed, reworded, moved or given to another actor, Waktu with the old and new total.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from ..sop.model import Sop, Step

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
                Change("identitas", f"{label} diubah: {_q(before)} → {_q(after)}",
                       {"isian": label, "lama": before, "baru": after})
            )
    return changes


def _list_changes(old: Sop, new: Sop) -> list[Change]:
    changes = []
    for attr, label, lower in LISTS:
        before, after = list(getattr(old, attr)), list(getattr(new, attr))
        for item in after:
            if item not in before:
                changes.append(Change(f"{attr}_ditambah", f"{label} ditambah: {_q(item)}",
                                      {"bagian": label, "butir": item}))
        for item in before:
            if item not in after:
                changes.append(Change(f"{attr}_dihapus", f"{label} dihapus: {_q(item)}",
                                      {"bagian": label, "butir": item}))
        if not any(c.data.get("bagian") == label for c in changes) and before != after:
            changes.append(Change(f"{attr}_diurutkan", f"Urutan {lower} diubah", {"bagian": label}))
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
                f"Langkah {j + 1} ditambah: “{_short(step.description)}” (pelaksana: {', '.join(step.actors)}"
                + (f"; waktu {step.time}" if step.time else "") + ")",
                {"langkah": j + 1, "uraian": step.description, "pelaksana": list(step.actors), "waktu": step.time},
            ))
    for i, step in enumerate(old.steps):
        if i not in matched_old:
            changes.append(Change(
                "langkah_dihapus",
                f"Langkah {i + 1} lama dihapus: “{_short(step.description)}”",
                {"langkah_lama": i + 1, "uraian": step.description},
            ))
    for i, j in pairs:
        before, after = old.steps[i], new.steps[j]
        name = f"Langkah {j + 1} (“{_short(after.description, 50)}”)"
        where = {"langkah": j + 1, "langkah_lama": i + 1}
        if (i, j) not in stable:
            changes.append(Change("langkah_dipindah", f"{name} dipindah dari urutan {i + 1} ke urutan {j + 1}", where))
        if before.description != after.description:
            changes.append(Change(
                "uraian_diubah",
                f"Uraian langkah {j + 1} diubah: “{_short(before.description)}” → “{_short(after.description)}”",
                {**where, "lama": before.description, "baru": after.description},
            ))
        if before.actors != after.actors:
            changes.append(Change(
                "pelaksana_diubah",
                f"{name} dialihkan dari pelaksana {', '.join(before.actors)} ke {', '.join(after.actors)}",
                {**where, "lama": list(before.actors), "baru": list(after.actors)},
            ))
        if before.time != after.time:
            changes.append(Change(
                "waktu_diubah",
                f"Waktu {name[0].lower()}{name[1:]}: {before.time or '(kosong)'} → {after.time or '(kosong)'}",
                {**where, "lama": before.time, "baru": after.time},
            ))
        if old.symbol_of(i) != new.symbol_of(j) or (before.yes, before.no) != (after.yes, after.no):
            changes.append(Change(
                "simbol_diubah",
                f"Simbol/alur {name[0].lower()}{name[1:]} diubah: {old.symbol_of(i).value} → {new.symbol_of(j).value}"
                + (f" (ya → {after.yes}, tidak → {after.no})" if after.yes or after.no else ""),
                {**where, "lama": old.symbol_of(i).value, "baru": new.symbol_of(j).value},
            ))
        for attr, label in STEP_LISTS:
            a, b = list(getattr(before, attr)), list(getattr(after, attr))
            if a != b:
                changes.append(Change(
                    f"{label}_diubah",
                    f"{label.capitalize()} {name[0].lower()}{name[1:]}: {_q(a)} → {_q(b)}",
                    {**where, "lama": a, "baru": b},
                ))
    return changes


def _total(sop: Sop) -> str | None:
    return sop.total_time.format() if sop.total_time else None


def compare_sops(old: Sop, new: Sop) -> list[Change]:
    changes = _identity_changes(old, new) + _list_changes(old, new) + _step_changes(old, new)
    if _total(old) != _total(new):
        changes.append(Change(
            "total_waktu",
            f"Total waktu penyelesaian: {_total(old) or '(kosong)'} → {_total(new) or '(kosong)'}",
            {"lama": _total(old), "baru": _total(new)},
        ))
    if old.signature != new.signature:
        changes.append(Change("penandatangan", "Blok tanda tangan (penandatangan) diubah"))
    for revision in new.history:
        if revision not in old.history:
            changes.append(Change(
                "riwayat",
                "Riwayat revisi ditambah: " + " · ".join(
                    v for v in (revision.date, f"versi {revision.version}" if revision.version else None,
                                revision.change, revision.by) if v
                ),
                {"tanggal": revision.date, "versi": revision.version, "uraian": revision.change, "oleh": revision.by},
            ))
    if old.sample != new.sample:
        changes.append(Change("contoh", "Tanda contoh " + ("dipasang" if new.sample else "dilepas")))
    return changes


def describe_new(sop: Sop) -> list[Change]:
    parts = [f"{len(sop.steps)} langkah", f"pelaksana: {', '.join(sop.actors)}"]
    if _total(sop):
        parts.append(f"total waktu {_total(sop)}")
    parts.append(f"status {sop.status.value}")
    return [Change("ringkasan", "SOP baru: " + "; ".join(parts),
                   {"langkah": len(sop.steps), "pelaksana": list(sop.actors), "total_waktu": _total(sop),
                    "status": sop.status.value})]


