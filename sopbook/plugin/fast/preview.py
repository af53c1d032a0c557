"""Dirty rebuilds (`mkdocs serve --dirty`, what `make serve` runs): only the pages whose
inputs changed are rendered again, and none is left stale.

MkDocs' dirty mode skips a page when `page.file.is_modified()` is false. Generated pages have
no source file, so MkDocs would rebuild all of them; `Preview.mark` gives each generated page
a digest of everything its HTML is made from and marks it modified only when that digest
differs from the last good build:

- an SOP page: its YAML (SHA-1 of the bytes), address and label; the SOPs it links to and the
  SOPs that cite it (address, label, SHA-1), so an edit reaches the pages that cite it and
  their "Dirujuk oleh"; the shape of its sidebar (its unit's sub-units and SOP labels, the
  names of the units above); the previous and next page of the footer;
- a unit page: the same for every SOP below it, plus its sidebar and footer;
- everything: sopbook's code, the plugin options, mkdocs.yml, the theme and template folders,
  and the hand-written pages (any change there rebuilds every page).

The catalogue page, `catalogue.json`, "Cari SOP" and the hand-written pages are rebuilt every
time (they are few, and their titles feed everybody's navigation). After the build, pages that
no longer exist are removed from the site, and Material's search index is merged page by page
(its own dirty merge assumes a single rebuilt page). A failed build forgets every digest, so
the next build renders everything again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NamedTuple

from jinja2.bccache import Bucket, BytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from ...messages import say
from ...portal.catalogue import Entry, OrgNode
from ...portal.references import References
from ..internals import SearchIndex, set_modified
from ..log import log
from ..titles import html_text
from .digests import digest_of, global_digest


class LastBuild(NamedTuple):
    """What the last good build of `mkdocs serve` left to build on (quick updates)."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: Any
    """The theme's template environment of that build."""


class Preview:
    """Digests of the generated pages between the builds of one `mkdocs serve --dirty`."""

    def __init__(self) -> None:
        self.enabled = False
        self._digests: dict[str, str] = {}  # src_uri -> digest, last good build
        self._pending: dict[str, str] = {}
        self._outputs: set[str] = set()  # abs dest paths of generated pages, last good build
        self._pending_outputs: set[str] = set()
        self._rebuilt: set[str] = set()  # urls of the pages rendered in this build
        self._urls: set[str] = set()  # urls of every page of this build
        self.rebuilt_count = 0
        self.digests_wanted = False
        self.common = ""  # digest of what every page depends on, this build
        self.last: LastBuild | None = None
        """The last good build (config, files, navigation, template environment), for
        `quick.QuickBuilder`; None when there is none to build on."""

    def global_digest(self, config: MkDocsConfig, options: Any) -> str:
        return global_digest(config, options)

    def mark(
        self,
        nav: Navigation,
        files: Files,
        config: MkDocsConfig,
        *,
        options: Any,
        entries: dict[str, Entry],
        units: dict[str, OrgNode],
        always: Iterable[str],
        sha1: Callable[[Path], str | None],
        references: References,
        hand_written: bool = True,
        salt: str = "",
        only: set[str] | None = None,
    ) -> None:
        """Set `is_modified` of every page of this build (see the module docstring); with
        `digests_wanted` (the page cache), compute the digests even when not serving dirty.
        `only`: the generated pages whose inputs may have changed (a quick update knows
        them); every other page keeps its last digest and is not rendered."""
        if not self.enabled and not self.digests_wanted:
            return
        generated = set(entries) | set(units) | set(always)
        common = self.common = digest_of([global_digest(config, options), salt])
        tokens: dict[int, str] = {}

        def token(entry: Entry) -> str:
            found = tokens.get(id(entry))
            if found is None:
                found = tokens[id(entry)] = f"{entry.path}\x1f{entry.label}\x1f{sha1(entry.loaded.path)}"
            return found

        shapes: dict[int, str] = {}
        contents: dict[int, str] = {}

        def shape(node: OrgNode) -> str:  # what a sidebar shows of the unit
            found = shapes.get(id(node))
            if found is None:
                parts = [node.name, node.path]
                parts += [shape(child) for child in node.sorted_children()]
                parts += [f"{e.path}\x1f{e.label}" for e in node.entries]
                found = shapes[id(node)] = digest_of(parts)
            return found

        def content(node: OrgNode) -> str:  # what the unit page's body shows
            found = contents.get(id(node))
            if found is None:
                parts = [node.name, node.path]
                parts += [content(child) for child in node.sorted_children()]
                parts += [token(e) for e in node.entries]
                found = contents[id(node)] = digest_of(parts)
            return found

        lineages: dict[int, str] = {}

        def lineage(node: OrgNode) -> str:
            found = lineages.get(id(node))
            if found is None:
                found = lineages[id(node)] = "\x1f".join(f"{n.name}\x1e{n.path}" for n in node.lineage)
            return found

        for uri, node in units.items():  # before any digest: the footers of neighbours show it
            file = files.get_file_from_path(uri)
            if file is not None and file.page is not None and file.page.title is None:
                file.page.title = html_text(node.name)
        self._pending = {}
        self._pending_outputs = set()
        self._rebuilt = set()
        self._urls = set()
        for page in nav.pages:
            self._urls.add(page.url)
        for file in files.documentation_pages():
            uri = file.src_uri
            page = file.page
            if page is not None:
                self._urls.add(page.url)
            if uri not in generated or page is None:
                # hand-written: few, and their titles feed the nav (a quick update changes no
                # title of theirs and none of their sidebars)
                if self.enabled:
                    set_modified(file, hand_written)
                if page is not None and hand_written:
                    self._rebuilt.add(page.url)
                continue
            self._pending_outputs.add(file.abs_dest_path)
            if only is not None and uri not in only and self._digests.get(uri):
                self._pending[uri] = self._digests[uri]
                if self.enabled:
                    set_modified(file, False)
                continue
            entry = entries.get(uri)
            node = units.get(uri)
            if entry is not None:
                parts = [common, token(entry), str(entry.loaded.path), shape(entry.org), lineage(entry.org)]
                parts += [f"{text}\x1e{token(target)}" for text, target in references.links_of(entry).items()]
                parts += [token(citing) for citing in references.citing(entry)]
            elif node is not None:
                parts = [common, content(node), shape(node), lineage(node)]
            else:
                parts = []  # always rebuilt
            digest = ""
            if parts:
                digest = digest_of([*parts, _neighbour(page.previous_page), _neighbour(page.next_page)])
            self._pending[uri] = digest
            modified = not digest or self._digests.get(uri) != digest
            if self.enabled:
                set_modified(file, modified)
            if modified:
                self._rebuilt.add(page.url)
        self.rebuilt_count = len(self._rebuilt)
        if self.enabled:
            log.info(say("build.rendering_again", count=self.rebuilt_count, total=len(self._urls)))

    @property
    def digests(self) -> dict[str, str]:
        """Digest of each generated page of this build ("" for the pages always rendered)."""
        return self._pending

    def before_search_index(self, config: MkDocsConfig) -> None:
        """Give Material's search plugin the entries of the pages not rendered this time
        (from its previous index) beside those rendered now, before it writes the index."""
        if not self.enabled:
            return
        search = SearchIndex.of(config)
        previous = search.previous_entries if search is not None else None
        if previous is None:
            return
        kept = [
            item
            for item in previous
            if (url := str(item.get("location", "")).split("#", 1)[0]) in self._urls and url not in self._rebuilt
        ]
        search.entries = kept + search.entries
        search.forget_previous()  # its own merge would drop most of the index

    def finish(self, config: MkDocsConfig) -> None:
        """After a good build: remove pages that are gone, keep the digests."""
        if not self.enabled:
            return
        for path in self._outputs - self._pending_outputs:
            _remove_page(Path(path), Path(config.site_dir))
        self._digests = self._pending
        self._outputs = self._pending_outputs

    def forget(self) -> None:
        """After a failed build: the site may hold pages of it, so render everything next time."""
        self._digests = {}
        self.last = None


class MemoryBytecodeCache(BytecodeCache):
    """Compiled Jinja2 templates kept in memory across `mkdocs serve` rebuilds (MkDocs makes
    a new template environment each build). Jinja2 compares a checksum of the template source
    before using a stored entry, so an edited template is compiled again."""

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self._store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


def _neighbour(page: Any) -> str:
    if page is None:
        return ""
    return f"{getattr(page, 'url', '')}\x1f{getattr(page, 'title', '')}"


def _remove_page(path: Path, site: Path) -> None:
    try:
        path.unlink(missing_ok=True)
        folder = path.parent
        while folder != site and site in folder.parents and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    except OSError:
        pass
