"""SOP files in git: "Terakhir diubah" from one `git log` over the content folder (unknown, never
an error, outside git or beyond a shallow clone), the default base of a comparison, and the SOP
files of a revision or of the working tree read through the same hostile-input screen as the
loader (`load_bytes`).
"""

from __future__ import annotations

import datetime as _dt
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..messages import define, say
from ..sop.loading import SOP_SUFFIXES, LoadedSop, Problem, load_bytes, load_paths

define("git.missing", id="git tidak terpasang", en="git is not installed")
define("git.timeout", id="git {command} terlalu lama", en="git {command} took too long")
define("git.failed", id="git {command} gagal", en="git {command} failed")
define(
    "git.not_repository",
    id="folder {folder} tidak berada di dalam repositori git",
    en="folder {folder} is not inside a git repository",
)

WORKTREE = None
"""`head` value meaning "the files as they are on disk now"."""


class GitError(Exception):
    """git is missing, the folder is not in a repository, or a revision does not exist."""


def run_git(cwd: Path, *args: str, check: bool = True, input: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(
            ["git", "-C", str(cwd), *args],
            capture_output=True,
            input=input,
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"},
            timeout=600,
        )
    except FileNotFoundError:
        raise GitError(say("git.missing")) from None
    except subprocess.TimeoutExpired:
        raise GitError(say("git.timeout", command=args[0])) from None
    if check and done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(detail[-1] if detail else say("git.failed", command=args[0]))
    return done.stdout


def git_top(folder: Path) -> Path:
    try:
        return Path(run_git(folder, "rev-parse", "--show-toplevel").decode().strip())
    except GitError as error:
        if "not a git repository" in str(error):
            raise GitError(say("git.not_repository", folder=folder)) from None
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
        top = git_top(root)
        shallow = set()
        shallow_file = Path(run_git(root, "rev-parse", "--git-path", "shallow").decode().strip())
        if not shallow_file.is_absolute():
            shallow_file = root / shallow_file
        if shallow_file.is_file():
            shallow = set(shallow_file.read_text().split())
        out = run_git(root, "log", "-z", "--format=%x01%H %cI", "--name-only", "--no-renames", "--", ".")
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


# Reading two versions of the content -------------------------------------------------------


def default_base(folder: Path) -> str:
    """The merge base of HEAD with the default branch (origin's HEAD, main or master)."""
    candidates: list[str] = []
    try:
        remote_head = run_git(folder, "symbolic-ref", "-q", "refs/remotes/origin/HEAD", check=False)
        if remote_head.strip():
            candidates.append(remote_head.decode().strip())
    except GitError:
        pass
    candidates += ["origin/main", "origin/master", "main", "master"]
    for ref in candidates:
        try:
            run_git(folder, "rev-parse", "--verify", "-q", f"{ref}^{{commit}}")
        except GitError:
            continue
        try:
            return run_git(folder, "merge-base", "HEAD", ref).decode().strip()
        except GitError:
            continue
    return "HEAD"


def is_sop_name(name: str) -> bool:
    return name.endswith(SOP_SUFFIXES) and not any(p.startswith(".") for p in PurePosixPath(name).parts)


def _tree_files(top: Path, rev: str, prefix: str) -> list[str]:
    out = run_git(top, "ls-tree", "-r", "-z", "--name-only", rev, "--", prefix or ".")
    return [n for n in out.decode("utf-8", "replace").split("\x00") if n and is_sop_name(n)]


def _cat_files(top: Path, rev: str, names: list[str]) -> dict[str, bytes]:
    """Contents of `names` at `rev`, with one `git cat-file --batch` process."""
    if not names:
        return {}
    request = "".join(f"{rev}:{name}\n" for name in names).encode()
    out = run_git(top, "cat-file", "--batch", input=request)
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
class Version:
    """Every SOP of the folder at one revision, loaded; `by_name` is keyed by repo path."""

    by_name: dict[str, LoadedSop] = field(default_factory=dict)
    problems: dict[str, list[Problem]] = field(default_factory=dict)

    def add(self, name: str, raw: bytes, label: str) -> None:
        result = load_bytes(raw, name, source=f"{name} ({label})" if label else name)
        if result.sops:
            self.by_name[name] = result.sops[0]
        else:
            self.problems[name] = result.problems


def load_revision(top: Path, rev: str, prefix: str, names: list[str] | None = None) -> Version:
    version = Version()
    wanted = _tree_files(top, rev, prefix) if names is None else names
    for name, raw in _cat_files(top, rev, wanted).items():
        version.add(name, raw, rev[:12])
    return version


def load_worktree(top: Path, folder: Path) -> Version:
    version = Version()
    result = load_paths([folder], base=top)
    for loaded in result.sops:
        version.by_name[loaded.path.resolve().relative_to(top).as_posix()] = loaded
    for problem in result.problems:
        name = problem.file
        version.problems.setdefault(name, []).append(problem)
    return version


