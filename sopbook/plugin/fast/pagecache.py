"""Whole generated pages kept between `mkdocs build` runs, in the cache folder.

A second build with nothing changed would render every SOP page again: sopbook's body,
Material's page template and sidebar, and Material's search indexing of the page. `PageCache`
keeps, for every SOP and unit page, the HTML the theme template produced, the search entries
the search plugin made of it and the page's anchors, under the page's digest
(`preview.Preview.mark`: everything the page is made of — its SOP and the SOPs it links to or is
cited by, its sidebar, its footer, sopbook's code, the options, mkdocs.yml, templates, the
theme's version, the hand-written pages, the date and the git commit). When the digest of a
page is unchanged, the next build gives MkDocs that HTML through a one-line template and skips
the rendering; other plugins' `on_post_page` still run. Pages whose digest changed are
rendered as usual and stored again.

It is used only with plugins whose output it knows (Material's search, mermaid2): any other
plugin may change pages in ways no digest here covers, so with one the cache stays off.
A cache folder that cannot be read or written only means pages are rendered.
"""

from __future__ import annotations

import os
import pickle
import time
from pathlib import Path
from typing import Any, NamedTuple

from jinja2 import ChoiceLoader, DictLoader

from ..internals import SearchIndex

TEMPLATE = "sopbook-cached-page.html"
KNOWN_PLUGINS = {"search", "material/search", "sopbook", "mermaid2"}
FORMAT = 3  # 3: records are named (Stored, Where)
PACK_LIVE = 0.5
"""A pack file whose pages are less than this share of its bytes is rewritten by `save`."""


class Where(NamedTuple):
    """Where a stored page's HTML lies: its pack file, offset and length."""

    pack: str
    offset: int
    length: int


class Stored(NamedTuple):
    """One stored page: the digest it was made from, its HTML, search entries and anchors."""

    digest: str
    where: Where
    entries: list[Any]
    anchors: set[str]


class PageCache:
    def __init__(self) -> None:
        self.folder: Path | None = None
        self._index: dict[str, Stored] = {}
        self._hits: dict[str, Stored] = {}  # src_uri -> its stored page
        self._stored: dict[str, Stored] = {}
        self._digests: dict[str, str] = {}
        self._search_start: dict[str, int] = {}
        self._places: list[tuple[int, str]] = []  # (search entries before it, src_uri) of hits
        self._pack: tuple[int, str, Any] | None = None  # (pid, name, file) this process appends to
        self._readers: dict[str, Any] = {}  # pack name -> open file
        self._packs: dict[str, bool] = {}  # pack name -> exists

    def configure(self, folder: Path | None, config: Any) -> bool:
        """Use `folder` (None: off); off too when another plugin could change pages."""
        if folder is not None and not set(config.plugins) <= KNOWN_PLUGINS:
            folder = None
        if folder != self.folder:
            self.folder = folder
            self._index = {}
            if folder is not None:
                try:
                    with open(folder / "pages.pickle", "rb") as stream:
                        data = pickle.load(stream)
                    if isinstance(data, dict) and data.get("format") == FORMAT:
                        self._index = data["pages"]
                except Exception:  # unreadable or absent: render everything
                    self._index = {}
        return self.folder is not None

    def plan(self, digests: dict[str, str], files: Any) -> None:
        """Choose the pages whose stored HTML is still theirs."""
        self._digests = {uri: d for uri, d in digests.items() if d}
        self._hits = {}
        self._stored = {}
        self._search_start = {}
        self._places = []
        if self.folder is None:
            return
        for uri, digest in self._digests.items():
            record = self._index.get(uri)
            if record is not None and record.digest == digest and self._pack_exists(record.where.pack):
                self._hits[uri] = record

    def hit(self, uri: str) -> bool:
        return uri in self._hits

    def prepare(self, page: Any) -> None:
        """on_page_markdown: a stored page is given out by a one-line template."""
        if page.file.src_uri in self._hits:
            page.meta["template"] = TEMPLATE

    def anchors(self, uri: str) -> set[str]:
        return set(self._hits[uri].anchors)

    def add_template(self, env: Any) -> None:
        env.loader = ChoiceLoader([DictLoader({TEMPLATE: "{{ page.content }}"}), env.loader])

    def before_index(self, page: Any, config: Any) -> bool:
        """on_page_context, before the search plugin: True when the page is stored (its body
        is then not needed); otherwise note where its search entries will start."""
        uri = page.file.src_uri
        index = SearchIndex.of(config)
        if uri in self._hits:
            page.content = ""
            self._places.append((len(index.entries) if index is not None else 0, uri))
            return True
        if self.folder is not None and uri in self._digests:
            self._search_start[uri] = len(index.entries) if index is not None else -1
        return False

    def stored_html(self, uri: str) -> str | None:
        if uri not in self._hits or self.folder is None:
            return None
        try:
            return self._read(self._hits[uri].where).decode("utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def store(self, output: str, page: Any, config: Any) -> None:
        """on_post_page, before other plugins: keep what the theme template made of the page."""
        uri = page.file.src_uri
        if self.folder is None or uri in self._hits or uri not in self._search_start:
            return
        index = SearchIndex.of(config)
        start = self._search_start.pop(uri)
        entries = list(index.entries[start:]) if index is not None and start >= 0 else []
        try:
            where = self._append(output.encode("utf-8"))
        except OSError:
            return
        self._stored[uri] = Stored(self._digests[uri], where, entries, set(page.present_anchor_ids or ()))

    def record(self, uri: str) -> Stored | None:
        """What `store` kept of a page (None: not stored), to hand to another process."""
        return self._stored.get(uri)

    def adopt(self, uri: str, record: Stored) -> None:
        """A page stored by another process (plugin/ahead.py): saved with the others."""
        self._stored[uri] = record

    def fix_search(self, config: Any, elsewhere: Any = lambda uri: False) -> None:
        """Before the search plugin writes its index: the stored pages' entries go where the
        pages were met (the order of a build without the cache); `elsewhere(uri)`: a page
        whose entries another part puts in (pages written ahead, ahead.py)."""
        index = SearchIndex.of(config)
        if index is None or not self._hits:
            return
        pages = {u: r.entries for u, r in self._hits.items() if not elsewhere(u)}
        index.entries = splice_entries(index.entries, self._places, pages)

    def hit_entries(self, uri: str) -> list[Any] | None:
        """The stored search entries of a page given out from the cache (None: not one)."""
        record = self._hits.get(uri)
        return None if record is None else list(record.entries)

    def save(self) -> None:
        if self.folder is None:
            return
        self._close()
        index = {uri: record for uri, record in self._hits.items()}
        index.update(self._stored)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            index = self._compact(index)
            used = {record.where.pack for record in index.values()}
            pages = self.folder / "pages"
            if pages.is_dir():
                for path in pages.iterdir():
                    if path.name not in used:
                        path.unlink(missing_ok=True)
            temporary = self.folder / f"pages.{os.getpid()}.tmp"
            with open(temporary, "wb") as stream:
                pickle.dump({"format": FORMAT, "pages": index}, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.folder / "pages.pickle")
            self._index = index
        except OSError:
            pass
        finally:
            self._close()

    # Pack files: the pages of one build process appended to one file, so that storing a
    # page costs a write, not a file of its own (creating files is a large part of a build).

    def _append(self, data: bytes) -> Where:
        """Write `data` to this process's pack: (pack name, offset, length)."""
        if self._pack is None or self._pack[0] != os.getpid():
            folder = self.folder / "pages"
            folder.mkdir(parents=True, exist_ok=True)
            name = f"pack-{os.getpid()}-{time.time_ns():x}.bin"
            self._pack = (os.getpid(), name, open(folder / name, "ab"))
        _, name, stream = self._pack
        offset = stream.tell()
        stream.write(data)
        return Where(name, offset, len(data))

    def _read(self, where: Where) -> bytes:
        name, offset, length = where.pack, where.offset, where.length
        if self._pack is not None and self._pack[1] == name:
            self._pack[2].flush()
        stream = self._readers.get(name)
        if stream is None:
            stream = self._readers[name] = open(self.folder / "pages" / name, "rb")
        data = os.pread(stream.fileno(), length, offset)  # no file position: forked readers share it
        if len(data) != length:
            raise OSError(f"{name} is shorter than its index says")
        return data

    def _pack_exists(self, name: str) -> bool:
        known = self._packs.get(name)
        if known is None:
            known = self._packs[name] = (self.folder / "pages" / name).is_file()
        return known

    def _compact(self, index: dict[str, Stored]) -> dict[str, Stored]:
        """Rewrite the pages of packs that are mostly dead bytes into a new pack."""
        live: dict[str, int] = {}
        for record in index.values():
            live[record.where.pack] = live.get(record.where.pack, 0) + record.where.length
        sizes = {}
        for name in live:
            try:
                sizes[name] = (self.folder / "pages" / name).stat().st_size
            except OSError:
                sizes[name] = 0
        sparse = {name for name, size in sizes.items() if size and live[name] < PACK_LIVE * size}
        if not sparse:
            return index
        result = dict(index)
        for uri, record in index.items():
            if record.where.pack in sparse:
                result[uri] = record._replace(where=self._append(self._read(record.where)))
        return result

    def flush(self) -> None:
        """Close this process's pack (a page-rendering child calls it before it ends)."""
        self._close()

    def _close(self) -> None:
        if self._pack is not None and self._pack[0] == os.getpid():
            self._pack[2].close()
        self._pack = None
        for stream in self._readers.values():
            stream.close()
        self._readers = {}
        self._packs = {}

    def forget(self) -> None:
        self._close()
        self._hits = {}
        self._stored = {}


def splice_entries(entries: list[Any], places: list[tuple[int, str]], pages: dict[str, list[Any]]) -> list[Any]:
    """`entries` with the entries of `pages` (src_uri -> entries) put in at their `places`
    ((number of entries before the page, src_uri), in order); pages never met go last."""
    result: list[Any] = []
    start = 0
    for place, uri in places:
        if uri in pages:
            result.extend(entries[start:place])
            result.extend(pages[uri])
            start = place
    result.extend(entries[start:])
    met = {uri for _, uri in places}
    for uri, more in pages.items():
        if uri not in met:
            result.extend(more)
    return result

