"""A load cache: each SOP file is read and validated again only when it changed.

`LoadCache.load_paths` returns the same `LoadResult` as `loading.load_paths`, but keeps the
result of every file keyed by its path, size and modification time (nanoseconds), together
with a SHA-1 of its bytes. It lives in memory (a `mkdocs serve` session keeps one across
rebuilds) and, given a folder, in one file there (`load-<version>.pickle`), so that a second
`mkdocs build` loads only what changed. The folder is safe to delete at any time; a cache
file that cannot be read, or that was written by another sopbook version or another copy of
the code, counts as empty, never as an error.

A file whose modification time lies within `RACY_NS` of the moment it was cached may be
changed again without its time changing (the file system's clock ticks coarsely): such a
record is trusted only after its bytes are compared again ("racily clean", as git does).

Many files that need loading are shared between processes (`fork`), the parent taking its
own share.
"""

from __future__ import annotations

import bisect
import gc
import hashlib
import multiprocessing
import os
import pickle
import threading
import time
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from ..messages import say
from ..background import Background
from .loading import ORG_FILE, SOP_SUFFIXES, LoadResult, Problem, _display, duplicate_numbers, iter_sop_files, load_file

__all__ = ["LoadCache", "code_fingerprint"]

FORMAT = 1
RACY_NS = 2_000_000_000
POOL_MIN_FILES = 400
"""Below this many files to load, one process is quicker than starting others."""


def _start_method() -> str:
    """`fork` shares the parsed code with the workers at no cost, but forking a process whose
    other threads run (`mkdocs serve`: the server, the file watcher) can copy a lock another
    thread holds, and the worker hangs. With other threads alive the workers start from a
    clean server process instead (`forkserver`)."""
    if threading.active_count() > 1 and "forkserver" in multiprocessing.get_all_start_methods():
        return "forkserver"
    return "fork"


def code_fingerprint() -> str:
    """sopbook's version and the size and time of each of its source files: a cache written
    by other code (another release, or an edited checkout) is not used."""
    package = Path(__file__).parent.parent  # the whole sopbook package
    try:
        version = metadata.version("sopbook")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        version = "0"
    digest = hashlib.sha1(f"{FORMAT}:{version}".encode())
    for path in sorted(package.rglob("*.py")):
        try:
            stat = path.stat()
        except OSError:
            continue
        digest.update(f"{path.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


@dataclass(slots=True)
class _Record:
    size: int
    mtime_ns: int
    racy: bool  # modified too close to when it was read: compare the bytes before trusting
    sha1: str
    source: str
    result: LoadResult


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


def _sha1(path: Path) -> str | None:
    try:
        return hashlib.sha1(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _load_one(path: Path, base: Path | None) -> tuple[LoadResult, tuple[int, int] | None, str | None]:
    # stamp and hash before reading: a change made while loading makes the record stale,
    # never a stale result that looks fresh
    stamp = _stamp(path)
    sha1 = _sha1(path)
    return load_file(path, base=base), stamp, sha1


def _load_chunk(paths: list[Path], base: Path | None) -> list[tuple[LoadResult, tuple[int, int] | None, str | None]]:
    return [_load_one(path, base) for path in paths]


class LoadCache:
    """Loaded SOP files by path; see the module docstring."""

    def __init__(self, folder: str | os.PathLike[str] | None = None, *, processes: int | None = None) -> None:
        self.folder = Path(folder) if folder is not None else None
        self.processes = processes if processes is not None else (os.cpu_count() or 1)
        self._records: dict[str, _Record] = {}
        self._read_from_disk = False
        self._changed = False
        self._writer = Background("load cache")  # writes the cache file (save(background=True))
        self.loaded: list[Path] = []
        """Files read (not taken from the cache) by the last `load_paths`."""
        self.removed: list[Path] = []
        """Files of the call before the last one that the last one no longer found."""
        self._roots: list[Path] | None = None  # `paths` of the last whole scan
        self._order: list[Path] = []  # every SOP file found by it, sorted, kept up to date

    # Persistence ---------------------------------------------------------------------------

    @property
    def file(self) -> Path | None:
        if self.folder is None:
            return None
        return self.folder / f"load-{code_fingerprint()}.pickle"

    def _read(self) -> None:
        self._read_from_disk = True
        file = self.file
        if file is None or self._records:
            return
        try:
            with open(file, "rb") as stream:
                data = pickle.load(stream)
            if isinstance(data, dict) and all(isinstance(r, _Record) for r in data.values()):
                self._records = data
        except Exception:  # unreadable, truncated, or from other code: start empty
            self._records = {}

    def save(self, *, background: bool = False) -> None:
        """Write the cache file if anything changed; a folder that cannot be written is
        ignored (the next build just loads again). `background`: pickle and write it in a
        forked process (seconds at 10,000 SOPs) while this one goes on; `wait()` for it."""
        file = self.file
        if file is None or not self._changed:
            return
        self._changed = False
        if not (background and self._writer.run(lambda: self._write(file))):
            self._writer.wait()
            self._write(file)

    def _write(self, file: Path) -> None:
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            for old in file.parent.glob("load-*.pickle"):
                if old != file:
                    old.unlink(missing_ok=True)
            temporary = file.with_suffix(f".{os.getpid()}.tmp")
            with open(temporary, "wb") as stream:
                pickle.dump(self._records, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, file)
        except OSError:
            self._changed = True

    def wait(self) -> None:
        """Wait for a cache file being written in the background."""
        self._writer.wait()

    # Loading -------------------------------------------------------------------------------

    def sha1(self, path: Path) -> str | None:
        """SHA-1 of the bytes of `path` as last loaded (None if it was not)."""
        record = self._records.get(str(path))
        return record.sha1 if record is not None else None

    def load_paths(self, paths: Iterable[str | os.PathLike[str]], *, base: Path | None = None) -> LoadResult:
        """Like `loading.load_paths`, reading only the files that changed since they were cached."""
        if not self._read_from_disk:
            self._read()
        enabled = gc.isenabled()
        gc.disable()  # tens of thousands of new objects: no collection passes while they arrive
        try:
            return self._load(paths, base)
        finally:
            if enabled:
                gc.enable()

    def load_changed(
        self, changed: Iterable[Path] | None, paths: Iterable[str | os.PathLike[str]], *, base: Path | None = None
    ) -> LoadResult:
        """Like `load_paths` (the same `paths` as the last call), trusting that since that call
        only the files `changed` (absolute paths; a watcher saw them) may have been created,
        changed or removed, so that the other files are not even stat-ed. None, or other
        `paths`, scans everything as `load_paths` does."""
        roots = [Path(p) for p in paths]
        if changed is None or roots != self._roots or len(roots) != 1 or not roots[0].is_dir():
            return self.load_paths(roots, base=base)
        enabled = gc.isenabled()
        gc.disable()
        try:
            return self._load_changed(changed, roots, base)
        finally:
            if enabled:
                gc.enable()

    def _load_changed(self, changed: Iterable[Path], roots: list[Path], base: Path | None) -> LoadResult:
        known = {str(file): file for file in self._order}
        order = list(self._order)
        seen: set[str] = set()
        self.removed = []
        misses: list[Path] = []
        absolute = [(root, Path(os.path.abspath(root))) for root in roots]
        for path in changed:
            for root, root_abs in absolute:
                try:
                    relative = Path(os.path.abspath(path)).relative_to(root_abs)
                except ValueError:
                    continue
                file = root / relative
                key = str(file)
                if key in seen:
                    break
                seen.add(key)
                wanted = (
                    file.suffix in SOP_SUFFIXES
                    and file.name != ORG_FILE
                    and not any(part.startswith(".") for part in relative.parts)
                    and file.is_file()
                )
                if wanted:
                    if key not in known:
                        bisect.insort(order, file)
                        known[key] = file
                    if not self._fresh(file, base):
                        misses.append(file)
                elif key in known:
                    order.remove(known.pop(key))
                    self.removed.append(file)
                    if self._records.pop(key, None) is not None:
                        self._changed = True
                break
        for key, record in self._records.items():  # changed within the clock's tick: compare bytes
            if record.racy and key not in seen and key in known and not self._fresh(known[key], base):
                misses.append(known[key])
        self._order = order
        self.loaded = misses
        for file, (one, stamp, sha1) in zip(misses, self._load_files(misses, base)):
            self._store(file, one, stamp, sha1)
        return self._result(order, LoadResult(), base)

    def _load(self, paths: Iterable[str | os.PathLike[str]], base: Path | None) -> LoadResult:
        files: list[Path] = []
        result = LoadResult()
        paths = [Path(p) for p in paths]
        for file in iter_sop_files(paths):
            if not file.exists():
                result.problems.append(Problem(str(file), 1, 1, "", say("file.missing")))
                continue
            files.append(file)
        wanted = {str(f) for f in files}
        self.removed = [Path(k) for k in self._records if k not in wanted]
        for key in [k for k in self._records if k not in wanted]:  # deleted or renamed
            del self._records[key]
            self._changed = True
        misses = [f for f in files if not self._fresh(f, base)]
        self.loaded = misses
        for file, (one, stamp, sha1) in zip(misses, self._load_files(misses, base)):
            self._store(file, one, stamp, sha1)
        complete = not result.problems
        self._roots, self._order = (paths, files) if complete else (None, [])
        return self._result(files, result, base)

    def _result(self, files: list[Path], result: LoadResult, base: Path | None) -> LoadResult:
        for file in files:
            record = self._records.get(str(file))
            if record is None:  # vanished while loading
                one = load_file(file, base=base)
            else:
                one = record.result
            result.sops.extend(one.sops)
            result.problems.extend(one.problems)
        duplicates = duplicate_numbers(result.sops)  # as loading.load_paths: none of them is valid
        if duplicates:
            blamed = {problem.file for problem in duplicates}
            result.sops = [loaded for loaded in result.sops if loaded.source not in blamed]
            result.problems.extend(duplicates)
        return result

    def _fresh(self, file: Path, base: Path | None) -> bool:
        record = self._records.get(str(file))
        if record is None:
            return False
        stamp = _stamp(file)
        if stamp != (record.size, record.mtime_ns):
            return False
        if record.source != _display(file, base):
            return False
        if record.racy:
            if _sha1(file) != record.sha1:
                return False
            record.racy = time.time_ns() - record.mtime_ns < RACY_NS
            self._changed = True
        return True

    def _store(self, file: Path, one: LoadResult, stamp: tuple[int, int] | None, sha1: str | None) -> None:
        if stamp is None or sha1 is None:
            self._records.pop(str(file), None)
            return
        source = one.problems[0].file if one.problems else one.sops[0].source if one.sops else str(file)
        racy = time.time_ns() - stamp[1] < RACY_NS
        self._records[str(file)] = _Record(stamp[0], stamp[1], racy, sha1, source, one)
        self._changed = True

    def _load_files(self, files: list[Path], base: Path | None) -> list[tuple[LoadResult, tuple[int, int] | None, str | None]]:
        workers = min(self.processes, 4) - 1
        if workers < 1 or len(files) < POOL_MIN_FILES:
            return _load_chunk(files, base)
        # this process takes one share, `workers` forked processes the others
        shares = [files[i :: workers + 1] for i in range(workers + 1)]
        try:
            context = multiprocessing.get_context(_start_method())
            with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                futures = [pool.submit(_load_chunk, share, base) for share in shares[1:]]
                mine = _load_chunk(shares[0], base)
                others = [future.result() for future in futures]
        except (OSError, ValueError, RuntimeError):  # no fork or no processes here: one process
            return _load_chunk(files, base)
        done: dict[str, tuple[LoadResult, tuple[int, int] | None, str | None]] = {}
        for share, loaded in zip(shares, [mine, *others]):
            for file, item in zip(share, loaded):
                done[str(file)] = item
        return [done[str(file)] for file in files]
