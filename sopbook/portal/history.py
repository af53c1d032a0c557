"""An SOP's history: "Terakhir diubah" from git, and what a change does to an SOP.

Two jobs, no HTML:

* `last_changed(folder)`: the date of the last commit that touched each SOP file, from ONE
  `git log` over the whole folder. Outside git, without git, or for files whose last change
  lies beyond the edge of a shallow clone, the date is simply unknown (never an error).
* `diff_sops(base, head, folder)`: for every SOP file that differs between two git revisions
  (or a revision and the working tree), a summary in words a reviewer understands: identity
  fields changed, steps added/removed/moved/given to another actor, Waktu with the old and new
  total, legal basis added/removed, references that now point to a missing SOP. Files read
  from git go through the same hostile-input screen as the loader (`load_bytes`). Renames are
  followed (`git diff -M`). `format_text`, `format_markdown` and `as_json` present the result.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import os
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ..sop.loading import SOP_SUFFIXES, LoadedSop, Problem, load_bytes, load_paths
from ..sop.model import Sop, Step

__all__ = [
    "GitError",
    "last_changed",
    "format_date",
    "default_base",
    "diff_sops",
    "FileChange",
    "Change",
    "format_text",
    "format_markdown",
    "as_json",
]

BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
    "Oktober", "November", "Desember",
)

WORKTREE = None
"""`head` value meaning "the files as they are on disk now"."""


class GitError(Exception):
    """git is missing, the folder is not in a repository, or a revision does not exist."""


def _git(cwd: Path, *args: str, check: bool = True, input: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(
            ["git", "-C", str(cwd), *args],
            capture_output=True,
            input=input,
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"},
            timeout=600,
        )
    except FileNotFoundError:
        raise GitError("git tidak terpasang") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} terlalu lama") from None
    if check and done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(detail[-1] if detail else f"git {args[0]} gagal")
    return done.stdout


def _top(folder: Path) -> Path:
    try:
        return Path(_git(folder, "rev-parse", "--show-toplevel").decode().strip())
    except GitError as error:
        if "not a git repository" in str(error):
            raise GitError(f"folder {folder} tidak berada di dalam repositori git") from None
        raise


# "Terakhir diubah" ------------------------------------------------------------------------


def last_changed(folder: str | os.PathLike[str]) -> dict[Path, _dt.datetime]:
    """Commit date of the last change to every file under `folder`, by resolved path.

    One `git log` for the whole folder. Empty outside git or without git. In a shallow clone
    the files whose last change lies beyond the shallow edge are left out: the boundary commit
    shows them as added, and its date is not theirs.
    """
    root = Path(folder).resolve()
    if not root.is_dir():
        return {}
    try:
        top = _top(root)
        shallow = set()
        shallow_file = Path(_git(root, "rev-parse", "--git-path", "shallow").decode().strip())
        if not shallow_file.is_absolute():
            shallow_file = root / shallow_file
        if shallow_file.is_file():
            shallow = set(shallow_file.read_text().split())
        out = _git(root, "log", "-z", "--format=%x01%H %cI", "--name-only", "--no-renames", "--", ".")
    except GitError:
        return {}
    dates: dict[Path, _dt.datetime] = {}
    for record in out.decode("utf-8", "replace").split("\x01")[1:]:
        header, _, names = record.partition("\n")
        commit, _, stamp = header.strip().partition(" ")
        try:
            when = _dt.datetime.fromisoformat(stamp.strip())
        except ValueError:
            continue
        for name in names.split("\x00"):
            name = name.strip("\n")
            if not name:
                continue
            path = (top / name).resolve()
            if path in dates:
                continue
            if commit in shallow:
                dates[path] = None  # type: ignore[assignment] # unknown: seen first at the edge
                continue
            dates[path] = when
    return {path: when for path, when in dates.items() if when is not None}


def format_date(when: _dt.date) -> str:
    """25 November 2026 (Indonesian month names)."""
    return f"{when.day} {BULAN[when.month - 1]} {when.year}"


# Reading two versions of the content -------------------------------------------------------


def default_base(folder: Path) -> str:
    """The merge base of HEAD with the default branch (origin's HEAD, main or master)."""
    candidates: list[str] = []
    try:
        remote_head = _git(folder, "symbolic-ref", "-q", "refs/remotes/origin/HEAD", check=False)
        if remote_head.strip():
            candidates.append(remote_head.decode().strip())
    except GitError:
        pass
    candidates += ["origin/main", "origin/master", "main", "master"]
    for ref in candidates:
        try:
            _git(folder, "rev-parse", "--verify", "-q", f"{ref}^{{commit}}")
        except GitError:
            continue
        try:
            return _git(folder, "merge-base", "HEAD", ref).decode().strip()
        except GitError:
            continue
    return "HEAD"


def _is_sop(name: str) -> bool:
    return name.endswith(SOP_SUFFIXES) and not any(p.startswith(".") for p in PurePosixPath(name).parts)


def _tree_files(top: Path, rev: str, prefix: str) -> list[str]:
    out = _git(top, "ls-tree", "-r", "-z", "--name-only", rev, "--", prefix or ".")
    return [n for n in out.decode("utf-8", "replace").split("\x00") if n and _is_sop(n)]


def _cat_files(top: Path, rev: str, names: list[str]) -> dict[str, bytes]:
    """Contents of `names` at `rev`, with one `git cat-file --batch` process."""
    if not names:
        return {}
    request = "".join(f"{rev}:{name}\n" for name in names).encode()
    out = _git(top, "cat-file", "--batch", input=request)
    found: dict[str, bytes] = {}
    pos = 0
    for name in names:
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        pos = end + 1
        if len(header) < 3 or header[1] == b"missing":
            continue
        size = int(header[2])
        found[name] = out[pos : pos + size]
        pos += size + 1
    return found


@dataclass
class _Version:
    """Every SOP of the folder at one revision, loaded; `by_name` is keyed by repo path."""

    by_name: dict[str, LoadedSop] = field(default_factory=dict)
    problems: dict[str, list[Problem]] = field(default_factory=dict)

    def add(self, name: str, raw: bytes, label: str) -> None:
        result = load_bytes(raw, name, source=f"{name} ({label})" if label else name)
        if result.sops:
            self.by_name[name] = result.sops[0]
        else:
            self.problems[name] = result.problems


def _load_rev(top: Path, rev: str, prefix: str, names: list[str] | None = None) -> _Version:
    version = _Version()
    wanted = _tree_files(top, rev, prefix) if names is None else names
    for name, raw in _cat_files(top, rev, wanted).items():
        version.add(name, raw, rev[:12])
    return version


def _load_worktree(top: Path, folder: Path) -> _Version:
    version = _Version()
    result = load_paths([folder], base=top)
    for loaded in result.sops:
        version.by_name[loaded.path.resolve().relative_to(top).as_posix()] = loaded
    for problem in result.problems:
        name = problem.file
        version.problems.setdefault(name, []).append(problem)
    return version


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


def _compare(old: Sop, new: Sop) -> list[Change]:
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


def _describe_new(sop: Sop) -> list[Change]:
    parts = [f"{len(sop.steps)} langkah", f"pelaksana: {', '.join(sop.actors)}"]
    if _total(sop):
        parts.append(f"total waktu {_total(sop)}")
    parts.append(f"status {sop.status.value}")
    return [Change("ringkasan", "SOP baru: " + "; ".join(parts),
                   {"langkah": len(sop.steps), "pelaksana": list(sop.actors), "total_waktu": _total(sop),
                    "status": sop.status.value})]


def _missing_refs(version: _Version) -> dict[tuple[str, str], str]:
    """(file, reference text) -> file for every reference to an SOP not in that version."""
    from .catalogue import Catalogue, References

    if not version.by_name:
        return {}
    names = {id(loaded): name for name, loaded in version.by_name.items()}
    try:
        references = References(Catalogue(version.by_name.values()))
    except Exception:  # a catalogue that cannot be built is reported by `sopbook check`
        return {}
    return {
        (names[id(ref.source.loaded)], ref.text): names[id(ref.source.loaded)]
        for item in references.missing
        for ref in item.references
    }


def diff_sops(
    base: str | None = None,
    head: str | None = WORKTREE,
    folder: str | os.PathLike[str] = "content",
) -> list[FileChange]:
    """Summaries of every SOP that differs between `base` and `head` (None: the working tree).

    `base` defaults to the merge base with the default branch. Raises GitError when git cannot
    answer (not a repository, unknown revision).
    """
    folder_path = Path(folder).resolve()
    if not folder_path.is_dir():
        raise GitError(f"folder {folder} tidak ada")
    top = _top(folder_path)
    prefix = folder_path.relative_to(top).as_posix()
    prefix = "" if prefix == "." else prefix
    base = base or default_base(folder_path)
    for rev in (base, head):
        if rev is None:
            continue
        try:
            _git(top, "rev-parse", "--verify", "-q", f"{rev}^{{commit}}")
        except GitError:
            hint = ""
            if _git(top, "rev-parse", "--is-shallow-repository", check=False).strip() == b"true":
                hint = " (clone dangkal: ambil riwayatnya dengan `git fetch --unshallow`)"
            raise GitError(f"revisi {rev!r} tidak ditemukan{hint}") from None
    spec = [base] if head is None else [base, head]
    out = _git(top, "diff", "-M", "--name-status", "-z", *spec, "--", prefix or ".")
    fields = out.decode("utf-8", "replace").split("\x00")
    renamed: dict[str, str] = {}  # new name -> old name
    touched_old: set[str] = set()
    touched_new: set[str] = set()
    k = 0
    while k < len(fields) and fields[k]:
        status = fields[k]
        if status[0] in "RC":
            old_name, new_name = fields[k + 1], fields[k + 2]
            k += 3
            if status[0] == "R":
                renamed[new_name] = old_name
                touched_old.add(old_name)
            touched_new.add(new_name)
            continue
        name = fields[k + 1]
        k += 2
        if status[0] in "DM T":
            touched_old.add(name)
        if status[0] in "AM T":
            touched_new.add(name)
    if head is None:
        untracked = _git(top, "ls-files", "-z", "--others", "--exclude-standard", "--", prefix or ".")
        touched_new |= {n for n in untracked.decode("utf-8", "replace").split("\x00") if n}
    touched_old = {n for n in touched_old if _is_sop(n)}
    touched_new = {n for n in touched_new if _is_sop(n)}
    if not touched_old and not touched_new:
        return []
    after = _load_worktree(top, folder_path) if head is None else _load_rev(top, head, prefix)
    # the base differs from the head only in the touched files: read just those from git
    before = _load_rev(top, base, prefix, sorted(touched_old))
    for name, loaded in after.by_name.items():
        if name not in touched_new and name not in touched_old:
            before.by_name[name] = loaded
    for new_name, old_name in list(renamed.items()):
        a, b = before.by_name.get(old_name), after.by_name.get(new_name)
        if a and b and a.sop.number != b.sop.number and a.sop.title != b.sop.title:
            del renamed[new_name]  # git paired two similar files, but they are two SOPs
    results: list[FileChange] = []
    for name in sorted(touched_new):
        old_name = renamed.get(name, name if name in touched_old else None)
        if head is None and name not in after.by_name and name not in after.problems:
            if not (top / name).exists():
                continue
        problems = after.problems.get(name)
        if problems:
            change = FileChange("tidak_valid", name, old_name)
            change.changes = [Change("masalah", str(p), {"masalah": str(p)}) for p in sorted(problems)]
            results.append(change)
            continue
        new_loaded = after.by_name.get(name)
        if new_loaded is None:
            continue
        new = new_loaded.sop
        old_loaded = before.by_name.get(old_name) if old_name else None
        if old_loaded is None and old_name in before.problems:
            change = FileChange("diubah", name, None, new.number, new.title,
                                [Change("perbaikan", "Versi lama berkas ini tidak valid; kini valid"), *_describe_new(new)])
        elif old_loaded is None:
            change = FileChange("baru", name, None, new.number, new.title, _describe_new(new))
        else:
            status = "dipindah" if old_name != name else "diubah"
            change = FileChange(status, name, old_name if status == "dipindah" else None,
                                new.number, new.title, _compare(old_loaded.sop, new))
            if status == "dipindah":
                change.changes.insert(0, Change("berkas_dipindah", f"Berkas dipindah: {old_name} → {name}",
                                                {"lama": old_name, "baru": name}))
        results.append(change)
    gone = touched_old - set(renamed.values()) - touched_new
    for name in sorted(gone):
        loaded = before.by_name.get(name)
        sop = loaded.sop if loaded else None
        results.append(FileChange(
            "dihapus", name, None, sop.number if sop else None, sop.title if sop else None,
            [Change("dihapus", "SOP dihapus dari portal")],
        ))
    # references that now point to an SOP that is not in the portal
    was_missing = _missing_refs(before)
    old_of = {new: old for new, old in renamed.items()}
    by_path = {c.path: c for c in results}
    for (name, text), _ in sorted(_missing_refs(after).items()):
        if (old_of.get(name, name), text) in was_missing:
            continue
        change = by_path.get(name)
        if change is None:
            sop = after.by_name[name].sop
            change = FileChange("rujukan", name, None, sop.number, sop.title)
            results.append(change)
            by_path[name] = change
        change.changes.append(Change(
            "rujukan_putus", f"Rujukan “{text}” kini menunjuk SOP yang tidak ada di portal",
            {"rujukan": text},
        ))
    order = {"tidak_valid": 0, "baru": 1, "diubah": 2, "dipindah": 2, "rujukan": 3, "dihapus": 4}
    results.sort(key=lambda c: (order[c.status], c.path))
    return [c for c in results if c.changes or c.status != "diubah"]


# Presentation --------------------------------------------------------------------------------

STATUS_WORDS = {
    "baru": "SOP baru",
    "diubah": "Diubah",
    "dipindah": "Dipindah/diganti nama",
    "dihapus": "Dihapus",
    "tidak_valid": "Berkas tidak valid",
    "rujukan": "Rujukan putus",
}


def _counts(changes: list[FileChange]) -> str:
    """'1 SOP baru, 2 diubah, 1 dihapus' in the order of the summary."""
    words = {"baru": "SOP baru", "diubah": "diubah", "dipindah": "dipindah", "dihapus": "dihapus",
             "tidak_valid": "tidak valid", "rujukan": "dengan rujukan putus"}
    counts: dict[str, int] = {}
    for change in changes:
        counts[change.status] = counts.get(change.status, 0) + 1
    return ", ".join(f"{counts[k]} {w}" for k, w in words.items() if k in counts)


def _headline(change: FileChange) -> str:
    return f"{STATUS_WORDS[change.status]}: {change.label}"


def format_text(changes: Iterable[FileChange]) -> str:
    """Plain text for a terminal."""
    changes = list(changes)
    if not changes:
        return "Tidak ada perubahan SOP.\n"
    lines = [f"{len(changes)} berkas SOP berubah: {_counts(changes)}.", ""]
    for change in changes:
        lines.append(_headline(change))
        lines.append(f"  berkas: {change.path}")
        for item in change.changes:
            lines.append(f"  - {item.text}")
        lines.append("")
    return "\n".join(lines)


def _md(text: str) -> str:
    """Text safe inside a Markdown list item of a PR comment (no HTML, no links, no mentions)."""
    out = []
    for ch in text:
        if ch in "\\`*_{}[]<>()#+!|~@&":
            out.append("\\" + ch)
        elif ch in "\r\n":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def format_markdown(changes: Iterable[FileChange]) -> str:
    """Markdown for a pull-request comment or a CI job summary."""
    changes = list(changes)
    lines = ["## Ringkasan perubahan SOP", ""]
    if not changes:
        return "\n".join([*lines, "Tidak ada perubahan SOP.", ""])
    lines += [f"{len(changes)} berkas SOP berubah: {_counts(changes)}.", ""]
    for change in changes:
        lines.append(f"### {_md(_headline(change))}")
        lines.append("")
        lines.append(f"Berkas: `{change.path.replace('`', '').replace(chr(10), ' ')}`")
        lines.append("")
        for item in change.changes:
            lines.append(f"- {_md(item.text)}")
        lines.append("")
    return "\n".join(lines)


def as_json(changes: Iterable[FileChange]) -> list[dict[str, Any]]:
    return [
        {
            "status": c.status,
            "berkas": c.path,
            "berkas_lama": c.old_path,
            "nomor": c.number,
            "nama": c.title,
            "perubahan": [{"jenis": i.kind, "teks": i.text, **i.data} for i in c.changes],
        }
        for c in changes
    ]
