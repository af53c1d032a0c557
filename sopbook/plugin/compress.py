"""Precompressed copies of the built site's large text files (option `precompress`).

Many intranet servers send files as they are: a phone on a slow line then downloads every
byte of HTML, CSS, JavaScript and the search index. Servers that can serve a file's
precompressed neighbour instead (nginx `gzip_static on;` and `brotli_static on;`, Apache with
`mod_rewrite` + `mod_headers`, Caddy `file_server { precompressed br gzip }`) need `FILE.gz`
(and `FILE.br`) beside `FILE`; this module writes them after a build.

- `.gz` for every such file, at zlib's default level 6 (level 9 saves under 1 % on a page at
  twice the time; there are 10,000 pages in a large portal).
- `.br` (Brotli quality 5, the `brotli` package) for the files every page shares (CSS,
  JavaScript, the search index, `catalogue.json`), not for the pages themselves: on a page it
  saves 6 % on gzip's 8 KB, not worth 10,000 more compressions, and browsers take `br` over
  https only. Quality 11 would save another 10 % on `mermaid.min.js` at 22 s per build.
- Only files of at least `MIN_SIZE` bytes with a text suffix, and only when the copy is
  smaller than the file. Files already compressed (`.gz`, images, Pagefind's fragments) are
  left alone.
- The files are written in a thread pool: zlib and Brotli release the interpreter lock while
  they compress.
"""

from __future__ import annotations

import gzip
import os
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..messages import define, say
from .log import log

try:  # optional: `pip install 'sopbook[brotli]'`
    import brotli as _brotli
except ImportError:  # pragma: no cover - depends on the environment
    _brotli = None

__all__ = ["SUFFIXES", "MIN_SIZE", "Compressed", "precompress", "brotli_available", "after_build"]

SUFFIXES = (".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".txt", ".map")
"""Text files worth compressing (the search index is `search/search_index.json`)."""

MIN_SIZE = 1400
"""Smaller files fit one network packet either way."""

GZIP_LEVEL = 6
BROTLI_QUALITY = 5
NO_BROTLI = (".html",)
"""Pages get `.gz` only (see above)."""


def brotli_available() -> bool:
    return _brotli is not None


@dataclass
class Compressed:
    files: int = 0
    original: int = 0
    gzip: int = 0
    brotli: int = 0

    def add(self, other: "Compressed") -> None:
        self.files += other.files
        self.original += other.original
        self.gzip += other.gzip
        self.brotli += other.brotli


def _candidates(site: Path) -> list[Path]:
    found = []
    for folder, _dirs, names in os.walk(site):
        for name in names:
            if name.endswith(SUFFIXES):
                found.append(Path(folder, name))
    return found


def _write(path: Path, data: bytes) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)  # a server never sees half a file


def _compress(path: Path, use_brotli: bool) -> Compressed:
    done = Compressed()
    try:
        data = path.read_bytes()
    except OSError:  # removed meanwhile: nothing to serve
        return done
    if len(data) < MIN_SIZE:
        return done
    packed = gzip.compress(data, GZIP_LEVEL, mtime=0)  # mtime 0: the same site, the same bytes
    if len(packed) >= len(data):
        return done
    done.files, done.original = 1, len(data)
    _write(path.with_name(path.name + ".gz"), packed)
    done.gzip = len(packed)
    if use_brotli and _brotli is not None and not path.name.endswith(NO_BROTLI):
        packed = _brotli.compress(data, quality=BROTLI_QUALITY)
        if len(packed) < len(data):
            _write(path.with_name(path.name + ".br"), packed)
            done.brotli = len(packed)
    return done


def precompress(site: Path, *, workers: int = 0, use_brotli: bool = True) -> Compressed:
    """Write `.gz` (and `.br`) beside every large text file under `site`; returns the sums."""
    total = Compressed()
    paths = _candidates(site)
    if not paths:
        return total
    threads = workers or min(4, os.cpu_count() or 1)

    def one(path: Path) -> Compressed:
        return _compress(path, use_brotli)

    with ThreadPoolExecutor(max_workers=threads) as pool:
        results: Any = pool.map(one, paths, chunksize=64)
        for done in results:
            total.add(done)
    return total


define(
    "build.precompressed",
    id="{files} berkas dikompresi sebelumnya ({kinds}): {original} MB menjadi {packed} MB (.gz), {seconds} dtk",
    en="{files} file(s) precompressed ({kinds}): {original} MB to {packed} MB (.gz), {seconds} s",
)


def after_build(site_dir: str, *, enabled: bool, serving: bool) -> Compressed | None:
    """The `precompress` option after `mkdocs build` (never while serving; the environment
    variable SOPBOOK_PRECOMPRESS=0 turns it off, as `sopbook pdf` does for its own build)."""
    if not enabled or serving or os.environ.get("SOPBOOK_PRECOMPRESS", "").strip() in ("0", "false", "no"):
        return None
    started = time.perf_counter()
    done = precompress(Path(site_dir))
    log.info(say(
        "build.precompressed", files=done.files, kinds=".gz, .br" if done.brotli else ".gz",
        original=f"{done.original / 1e6:.1f}", packed=f"{done.gzip / 1e6:.1f}",
        seconds=f"{time.perf_counter() - started:.1f}",
    ))
    return done
