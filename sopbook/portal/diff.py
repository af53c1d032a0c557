"""`diff_sops(base, head, folder)`: for every SOP file that differs between two git revisions (or a
revision and the working tree) the changes of `compare.py`, renames followed (`git diff -M`),
invalid files with their problems, and references that now point to an SOP not in the portal.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..messages import define, say
from .catalogue import Catalogue
from .compare import Change, FileChange, compare_sops, describe_new
from .git import (
    WORKTREE,
    GitError,
    Version,
    default_base,
    git_top,
    is_sop_name,
    load_revision,
    load_worktree,
    run_git,
)
from .references import References

define("diff.no_folder", id="folder {folder} tidak ada", en="folder {folder} does not exist")
define(
    "diff.shallow_hint",
    id=" (clone dangkal: ambil riwayatnya dengan `git fetch --unshallow`)",
    en=" (a shallow clone: fetch its history with `git fetch --unshallow`)",
)
define("diff.no_revision", id="revisi {rev!r} tidak ditemukan{hint}", en="revision {rev!r} not found{hint}")
define("diff.now_valid", id="Versi lama berkas ini tidak valid; kini valid", en="The old version of this file was invalid; now it is valid")
define("diff.file_moved", id="Berkas dipindah: {old} → {new}", en="File moved: {old} → {new}")
define("diff.removed", id="SOP dihapus dari portal", en="SOP removed from the portal")
define(
    "diff.broken_reference",
    id="Rujukan “{text}” kini menunjuk SOP yang tidak ada di portal",
    en="Reference “{text}” now names an SOP that is not in the portal",
)


def _missing_refs(version: Version) -> dict[tuple[str, str], str]:
    """(file, reference text) -> file for every reference to an SOP not in that version."""
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
        raise GitError(say("diff.no_folder", folder=folder))
    top = git_top(folder_path)
    prefix = folder_path.relative_to(top).as_posix()
    prefix = "" if prefix == "." else prefix
    base = base or default_base(folder_path)
    for rev in (base, head):
        if rev is None:
            continue
        try:
            run_git(top, "rev-parse", "--verify", "-q", f"{rev}^{{commit}}")
        except GitError:
            hint = ""
            if run_git(top, "rev-parse", "--is-shallow-repository", check=False).strip() == b"true":
                hint = say("diff.shallow_hint")
            raise GitError(say("diff.no_revision", rev=rev, hint=hint)) from None
    spec = [base] if head is None else [base, head]
    out = run_git(top, "diff", "-M", "--name-status", "-z", *spec, "--", prefix or ".")
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
        untracked = run_git(top, "ls-files", "-z", "--others", "--exclude-standard", "--", prefix or ".")
        touched_new |= {n for n in untracked.decode("utf-8", "replace").split("\x00") if n}
    touched_old = {n for n in touched_old if is_sop_name(n)}
    touched_new = {n for n in touched_new if is_sop_name(n)}
    if not touched_old and not touched_new:
        return []
    after = load_worktree(top, folder_path) if head is None else load_revision(top, head, prefix)
    # the base differs from the head only in the touched files: read just those from git
    before = load_revision(top, base, prefix, sorted(touched_old))
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
                                [Change("perbaikan", say("diff.now_valid")), *describe_new(new)])
        elif old_loaded is None:
            change = FileChange("baru", name, None, new.number, new.title, describe_new(new))
        else:
            status = "dipindah" if old_name != name else "diubah"
            change = FileChange(status, name, old_name if status == "dipindah" else None,
                                new.number, new.title, compare_sops(old_loaded.sop, new))
            if status == "dipindah":
                change.changes.insert(0, Change("berkas_dipindah", say("diff.file_moved", old=old_name, new=name),
                                                {"lama": old_name, "baru": name}))
        results.append(change)
    gone = touched_old - set(renamed.values()) - touched_new
    for name in sorted(gone):
        loaded = before.by_name.get(name)
        sop = loaded.sop if loaded else None
        results.append(FileChange(
            "dihapus", name, None, sop.number if sop else None, sop.title if sop else None,
            [Change("dihapus", say("diff.removed"))],
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
            "rujukan_putus", say("diff.broken_reference", text=text),
            {"rujukan": text},
        ))
    order = {"tidak_valid": 0, "baru": 1, "diubah": 2, "dipindah": 2, "rujukan": 3, "dihapus": 4}
    results.sort(key=lambda c: (order[c.status], c.path))
    return [c for c in results if c.changes or c.status != "diubah"]


