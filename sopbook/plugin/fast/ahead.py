"""SOP and unit pages rendered ahead, on every CPU, during `mkdocs build`.

MkDocs renders pages one after the other, so a large portal's build uses one core while the
others idle. When there are many pages to render (or the `processes` option asks for it),
`on_env` (every page read, nothing written yet) renders the SOP and unit pages ahead of
MkDocs' own loop: forked child processes take a share each while this process takes the
first. A page is rendered exactly as MkDocs' loop would render it — sopbook's body, then
MkDocs' own `_build_page` (the theme template, every plugin's `on_page_context` and
`on_post_page`, the write) — so the files are the same byte for byte.

A child sends back what this process needs from its pages: the search entries the search
plugin made of them, their anchors (MkDocs checks links into them after its loop), the page
cache's records, and its log records, which are emitted here so that `--strict` counts
warnings from any process. MkDocs' loop then finds these pages done: the search plugin sees
an empty page (its entries are replaced by the real ones before the index is written) and
the page writes nothing (`skip_output`).

It stays off while serving (the quick updates render single pages), for dirty builds, and
with plugins other than search, sopbook and mermaid2, whose state a child could not send back
(`pagecache.KNOWN_PLUGINS`). A child that dies or fails makes the build fail with its message.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import multiprocessing
import os
import pickle
import signal
from collections.abc import Callable, Sequence
from typing import Any

from mkdocs.exceptions import PluginError

from ...messages import say
from ..internals import BUILD_LOGGER, SearchIndex, SkippedPages, build_page
from ..log import log
from .pagecache import KNOWN_PLUGINS, TEMPLATE, splice_entries

MIN_PAGES = 200
"""With `processes: 0` (automatic), fewer pages than this are rendered in MkDocs' own loop:
forking is not worth it."""

MAX_PROCESSES = 4

Body = Callable[[Any], str]
"""Renders sopbook's body of a page (what `on_page_content` gives it) and sets its anchors."""
Stored = Callable[[str], Any]
Adopt = Callable[[str, Any], None]


def process_count(option: int) -> int:
    """Processes to use: the option, or one per CPU available to us (at most MAX_PROCESSES)."""
    if option > 0:
        return option
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, MAX_PROCESSES))


class AheadRenderer:
    def __init__(self) -> None:
        self.processes = 1
        self._planned: set[str] = set()  # src_uri of pages to render ahead
        self._done: dict[str, list[Any]] = {}  # src_uri -> its search entries
        self._filter: SkippedPages | None = None
        self._places: list[tuple[int, str]] = []  # (search entries before it, src_uri)

    # Planning (on_nav) ------------------------------------------------------------------------

    def plan(self, uris: Sequence[str], config: Any, *, option: int, serving: bool, dirty: bool) -> None:
        """Choose the pages to render ahead (their bodies are then left to `run`)."""
        self._planned = set()
        self._done = {}
        self._places = []
        processes = process_count(option)
        if (
            processes < 2
            or serving
            or dirty
            or not hasattr(os, "fork")
            or not set(config.plugins) <= KNOWN_PLUGINS
            or (option <= 0 and len(uris) < MIN_PAGES)
        ):
            self.processes = 1
            return
        self.processes = processes
        self._planned = set(uris)

    def deferred(self, uri: str) -> bool:
        """on_page_content: the body of this page is rendered by `run`."""
        return uri in self._planned

    # Rendering (on_env) -----------------------------------------------------------------------

    def run(
        self, pages: list[Any], *, body: Body, stored: Stored, adopt: Adopt, flush: Callable[[], None],
        cached_entries: Callable[[str], list[Any] | None], config: Any, files: Any, nav: Any, env: Any,
    ) -> None:
        """Render `pages` (those planned) on `self.processes` processes. `stored(uri)` is the
        page cache's record of a page just rendered (None: not stored); `adopt(uri, record)`
        takes one made in a child, which calls `flush()` before it ends. A page the page cache
        gives out is only written; `cached_entries(uri)` are its search entries."""
        pages = [p for p in pages if p.file.src_uri in self._planned]
        if not pages:
            return
        processes = self.processes
        try:  # the processes take the next few pages from one shared counter, so that none idles
            taken: Any = multiprocessing.get_context("fork").Value("l", 0)
        except (OSError, ValueError) as error:  # no shared memory here: this process renders all
            log.debug(f"pages rendered in one process ({error!r})")
            taken, processes = _Counter(), 1
        work = _Work(pages, taken, body, stored, flush, cached_entries, config, files.documentation_pages(), nav, env)
        children = [_fork(work) for _ in range(processes - 1)]
        try:
            results = [work.render()]
            results.extend(child.result() for child in children)
        finally:
            for child in children:
                child.stop()
        for records, rendered in results:
            for record in records:  # the children's log lines, counted by --strict here
                logging.getLogger(record.name).handle(record)
            for uri, (entries, anchors, record) in rendered.items():
                page = files.get_file_from_path(uri).page
                page.present_anchor_ids = anchors
                page.meta["template"] = TEMPLATE  # MkDocs' loop: an empty page, not written
                self._done[uri] = entries
                if record is not None:
                    adopt(uri, record)
        self._filter = SkippedPages(set(self._done))
        logging.getLogger(BUILD_LOGGER).addFilter(self._filter)

    # MkDocs' own loop over the pages done ------------------------------------------------------

    def done(self, uri: str) -> bool:
        return uri in self._done

    def before_index(self, page: Any, config: Any) -> bool:
        """on_page_context, before the search plugin: a page done ahead is empty to it; its
        entries are put where they would have been (`fix_search`)."""
        uri = page.file.src_uri
        if uri not in self._done:
            return False
        page.content = ""
        index = SearchIndex.of(config)
        self._places.append((len(index.entries) if index is not None else 0, uri))
        return True

    def skip_output(self, output: str, page: Any) -> str:
        """on_post_page, last: nothing to write for a page done ahead."""
        return "" if page.file.src_uri in self._done else output

    def fix_search(self, config: Any) -> None:
        """Before the search plugin writes its index: the entries made when the pages were
        rendered go where MkDocs' loop met the pages (the order of one process)."""
        index = SearchIndex.of(config)
        if index is not None and self._done:
            index.entries = splice_entries(index.entries, self._places, self._done)

    def finish(self) -> None:
        if self._filter is not None:
            logging.getLogger(BUILD_LOGGER).removeFilter(self._filter)
        self._filter = None
        self._planned = set()
        self._done = {}
        self._places = []


class _Work:
    """Renders pages in the current process, a few at a time, until none is left."""

    BATCH = 16

    def __init__(
        self, pages: list[Any], taken: Any, body: Body, stored: Stored, flush: Callable[[], None],
        cached_entries: Callable[[str], list[Any] | None], config: Any, doc_files: Any, nav: Any, env: Any,
    ) -> None:
        self.flush = flush
        self.cached_entries = cached_entries
        self.pages = pages
        self.taken = taken  # pages taken by any process (shared memory)
        self.body = body
        self.stored = stored
        self.config = config
        self.doc_files = doc_files
        self.nav = nav
        self.env = env

    def _next(self) -> list[Any]:
        with self.taken.get_lock():
            start = self.taken.value
            self.taken.value = start + self.BATCH
        return self.pages[start : start + self.BATCH]

    def render(self) -> tuple[list[logging.LogRecord], dict[str, Any]]:
        index = SearchIndex.of(self.config)
        rendered: dict[str, Any] = {}
        while batch := self._next():
            for page in batch:
                rendered[page.file.src_uri] = self._page(page, index)
        return [], rendered

    def _page(self, page: Any, index: Any) -> tuple[list[Any], set[str], Any]:
        """Render and write one page: (its search entries, its anchors, its page cache
        record)."""
        start = len(index.entries) if index is not None else 0
        page.content = self.body(page)
        anchors = page.present_anchor_ids
        build_page(page, self.config, self.doc_files, self.nav, self.env)
        entries: list[Any] = []
        if index is not None:  # kept aside: they take the place MkDocs' loop gives the page
            entries = index.entries[start:]
            del index.entries[start:]
        cached = self.cached_entries(page.file.src_uri)
        if cached is not None:  # a page from the page cache: its stored entries
            entries = cached
        page.content = ""  # written; MkDocs keeps every page until the build ends
        return entries, anchors, self.stored(page.file.src_uri)


class _Counter:
    """The shared counter's interface, for one process."""

    def __init__(self) -> None:
        self.value = 0

    def get_lock(self) -> contextlib.nullcontext[None]:
        return contextlib.nullcontext()


class _Child:
    def __init__(self, pid: int, fd: int) -> None:
        self.pid = pid
        self.fd = fd
        self._reaped = False

    def result(self) -> tuple[list[logging.LogRecord], dict[str, Any]]:
        with os.fdopen(self.fd, "rb") as stream:
            data = stream.read()
        self.fd = -1
        _, status = os.waitpid(self.pid, 0)
        self._reaped = True
        try:
            outcome, payload, records = pickle.loads(data)
        except Exception:
            code = os.waitstatus_to_exitcode(status)
            raise PluginError(say("build.process_lost", code=code)) from None
        if outcome != "ok":
            for record in records:
                logging.getLogger(record.name).handle(record)
            raise PluginError(f"sopbook: {payload}")
        return records, payload

    def stop(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1
        if not self._reaped:
            try:
                os.kill(self.pid, signal.SIGTERM)
                os.waitpid(self.pid, 0)
            except OSError:
                pass
            self._reaped = True


def _fork(work: _Work) -> _Child:
    read, write = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write)
        return _Child(pid, read)
    # the child: render, send back, and leave without running the parent's exit handlers
    os.close(read)
    code = 1
    try:
        gc.freeze()  # what the parent made stays: collections walk only this process's pages
        capture = _Capture()
        for name in ("", "mkdocs"):
            logger = logging.getLogger(name)
            logger.handlers = [capture]
        try:
            _, rendered = work.render()
            work.flush()
            message = ("ok", rendered, capture.records)
        except BaseException as error:  # reported by the parent as the build's error
            text = str(error) if isinstance(error, PluginError) else f"{type(error).__name__}: {error}"
            message = ("error", text, capture.records)
        with os.fdopen(write, "wb") as stream:
            pickle.dump(message, stream, protocol=pickle.HIGHEST_PROTOCOL)
        code = 0
    finally:
        os._exit(code)


class _Capture(logging.Handler):
    """Keeps a child's log records (made picklable) for the parent to emit."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []
        self._seen: set[int] = set()

    def emit(self, record: logging.LogRecord) -> None:
        if id(record) in self._seen:
            return
        self._seen.add(id(record))
        record.msg = record.getMessage()
        record.args = None
        record.exc_info = None
        record.exc_text = None
        self.records.append(record)

