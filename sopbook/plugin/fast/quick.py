"""Quick updates while `mkdocs serve --dirty` runs (what `make serve` runs).

A whole MkDocs rebuild, even a dirty one, re-creates every file, page and navigation object
and writes the sitemap and the search index: seconds at 10,000 SOPs before a single page is
rendered. Most edits while reviewing change the text of SOPs and nothing of the site's shape,
so `QuickBuilder` first tries to apply them to the last good build in place:

- only when nothing but SOP files changed (mkdocs.yml, templates, the theme folder and the
  hand-written pages are as they were), every SOP file is valid, and every page keeps its
  address and its place in the navigation (titles may change; the order may not);
- only the files the watcher saw change are loaded again (`watching.py`, the load cache's
  `load_changed`; a scan when that is not known), the edited SOPs are put into the existing
  catalogue and their references resolved again (`incremental.py`; a new catalogue when an
  SOP moved but the navigation did not change), and the pages an edit can reach get new
  digests (`preview.Preview.mark`: the SOP, the pages it links to and that cite it, its
  unit's pages and sidebars, neighbours' footers, the catalogue); those whose digest changed
  are rendered again with MkDocs' own page functions and the last build's navigation and
  templates; `catalogue.json` and the search index are written again from each record's
  JSON kept from the last write (`splice.py`).

Anything else — or any error on the way — falls back to MkDocs' own rebuild, which is always
correct. This uses MkDocs' page-building functions (`mkdocs.commands.build`), not only its
plugin events; tests/test_preview.py and tests/test_preview_quick.py check every step against
a real `mkdocs serve` (the latter: every served page equals a fresh `mkdocs build`).
"""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs import utils as mkdocs_utils
from mkdocs.commands import build as mkdocs_build

from ...portal.catalogue import Catalogue, Entry
from ...portal.references import References
from ...portal.incremental import Replaced, replace_in_place
from ...portal.splice import SearchIndexJson
from .preview import _hash
from ..titles import html_text
from .watching import ContentChanges

if TYPE_CHECKING:
    from ..plugin import SopbookPlugin

log = logging.getLogger("mkdocs.plugins.sopbook")


class QuickBuilder:
    """Stands in for `mkdocs serve`'s builder: a quick update when possible, else `full()`."""

    def __init__(self, plugin: "SopbookPlugin", full: Callable[..., Any], server: Any = None) -> None:
        self.plugin = plugin
        self.full = full
        self.changes = ContentChanges()  # the SOP files the watcher saw change (watching.py)
        if server is not None:
            self.changes.watch(server, plugin.config.content_dir)
        self.search_json = SearchIndexJson()  # the search index, kept per entry (splice.py)
        self._prepare(plugin._preview.last)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        changed = self.changes.take()  # whatever is built next reads these files
        if not args and not kwargs:
            enabled = gc.isenabled()
            gc.disable()  # the heap holds the whole portal: no collection passes over it now
            started, cpu = time.perf_counter(), time.thread_time()
            try:
                if self.update(changed):
                    log.info(
                        f"sopbook: quick update, {self.plugin._preview.rebuilt_count} page(s) rendered "
                        f"again in {time.perf_counter() - started:.2f} s ({time.thread_time() - cpu:.2f} s CPU)"
                    )
                    return None
            except Exception as error:  # never worse than a full rebuild
                log.debug(f"sopbook: quick update not possible ({error!r}); rebuilding")
            finally:
                if enabled:
                    gc.enable()
        self.plugin._preview.last = None
        done = self.full(*args, **kwargs)
        self._prepare(self.plugin._preview.last)
        return done

    def _prepare(self, last: Any) -> None:
        """After a full build, while the preview waits for an edit: each entry's JSON of the
        index just written, and the texts that may name an SOP by title."""
        if last is not None and self.plugin.references is not None:
            self.plugin.references.prepare_update()
        search = _search_plugin(last[0]) if last is not None else None
        if search is not None and hasattr(search.search_index, "entries"):
            self.search_json.keep(search.search_index.entries)

    def update(self, changed: set[Path] | None = None) -> bool:
        """Apply the edit to the last build; False when MkDocs must rebuild. `changed`: the
        files the watcher saw change (None: not known, every file is checked)."""
        plugin = self.plugin
        preview = plugin._preview
        last = preview.last
        if last is None:
            return False
        config, files, nav, env = last
        preview.last = None  # used up, whatever happens next
        if plugin._guard.problems:
            return False  # the last build showed problems: MkDocs' rebuild clears the banner
        salt = repr(plugin._guard.problems)
        if _hash([preview.global_digest(config, plugin.config, files), salt]) != preview.common:
            return False
        base = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        loader = plugin._loader
        result = loader.load_changed(changed, [plugin.config.content_dir], base=base)
        if result.problems:
            return False
        if not loader.loaded and not loader.removed:  # no SOP changed: the site is current
            preview.rebuilt_count = 0
            preview.last = last
            return True
        if loader.removed:
            return False  # an SOP or its address is gone: MkDocs' rebuild removes its pages
        old = plugin.catalogue
        if old is None or plugin.references is None:
            return False
        reread = {str(path) for path in loader.loaded}
        replaced = replace_in_place(  # the same entries, their SOPs and references updated
            old, plugin.references, [loaded for loaded in result.sops if str(loaded.path) in reread]
        )
        if replaced is not None:
            catalogue, references = old, plugin.references
            entries, units = plugin._entries, plugin._units
            relabelled = [(_uri(e), e.label) for e in replaced.changed if replaced.old_labels[id(e)] != e.label]
        else:  # something moved: a new catalogue, taken only if the navigation stays as it is
            labels = {uri: entry.label for uri, entry in plugin._entries.items()}
            catalogue = Catalogue(result.sops)
            if catalogue.problems or _shape(catalogue) != _shape(old):
                return False
            references = References(catalogue)
            entries = {_uri(e): e for e in catalogue}
            units = {f"{node.path}index.md": node for node in catalogue.units()}
            if entries.keys() != plugin._entries.keys() or units.keys() != plugin._units.keys():
                return False
            relabelled = [(uri, e.label) for uri, e in entries.items() if labels[uri] != e.label]
        if plugin.config.strict_references and references.missing:
            return False
        plugin._guard.sops_to_build(result, strict=config.strict)  # the last good versions
        for uri, label in relabelled:
            file = files.get_file_from_path(uri)
            if file is None or file.page is None:
                return False
            file.page.title = html_text(label)  # the navigation's label of this SOP
        plugin.catalogue, plugin.references = catalogue, references
        plugin._entries, plugin._units = entries, units
        preview.mark(
            nav, files, config, options=plugin.config, entries=entries, units=units,
            always=plugin._generated_uris() - set(entries) - set(units),
            sha1=loader.sha1, references=references, hand_written=False, salt=salt,
            only=_affected(replaced, references, files) if replaced is not None else None,
        )
        search = _search_plugin(config)
        if search is not None:  # this round's entries beside the last full index
            search.search_index_prev = search.search_index
            search.search_index = type(search.search_index)(**search.config)
        doc_files = files.documentation_pages()
        env.auto_reload = False  # a changed template changes the global digest: MkDocs rebuilds
        pages = [f.page for f in doc_files if f.page is not None and f.is_modified()]
        for page in pages:
            mkdocs_build._populate_page(page, config, files)
        for page in pages:
            mkdocs_build._build_page(page, config, doc_files, nav, env)
        from ..plugin import KATALOG_JSON_URI

        catalogue_file = files.get_file_from_path(KATALOG_JSON_URI)
        text = plugin._catalogue_json.text(catalogue, references, url=lambda path: plugin._files_by_path[path].url)
        Path(catalogue_file.abs_dest_path).write_text(text, encoding="utf-8")
        from ..monitoring import rewrite_forms  # the units' blank Tabel 7 list the SOPs' titles

        rewrite_forms(files, catalogue, plugin.renderer, plugin.config.paper)
        if search is not None:
            preview.before_search_index(config)
            self._write_search_index(search, config)
        preview.finish(config)
        preview.last = last
        return True

    def _write_search_index(self, search: Any, config: Any) -> None:
        """What Material's search plugin does after a build (`on_post_build`), with each
        entry's JSON kept from the last write (its index is the same on either way)."""
        index = search.search_index
        if getattr(search, "search_index_prev", None) is not None or not hasattr(index, "generate_search_index"):
            search.on_post_build(config=config)  # not the merge `before_search_index` made
            return
        options = {key: index.config[key] for key in ("lang", "separator", "pipeline", "fields")}
        text = self.search_json.text(options, index.entries)
        path = Path(config.site_dir) / "search" / "search_index.json"
        mkdocs_utils.write_file(text.encode("utf-8"), str(path))
        if search.is_dirty:
            search.search_index_prev = index


def _uri(entry: Entry) -> str:
    return entry.path.rstrip("/") + ".md"


def _affected(replaced: Replaced, references: References, files: Any) -> set[str]:
    """The generated pages whose digest (`Preview.mark`) may differ after `replaced`: the
    edited SOPs' pages, the pages they link to and that cite them, the SOPs whose links or
    "Dirujuk oleh" changed, every page of their units and the units above (sidebars, unit
    bodies) and their footer neighbours. Every other page's inputs are as they were."""
    uris: set[str] = set()
    for entry in [*replaced.changed, *replaced.touched]:
        uris.add(_uri(entry))
    for entry in replaced.changed:
        uris.update(_uri(target) for target in references.links_of(entry).values())
        uris.update(_uri(citing) for citing in references.citing(entry))
        for node in entry.org.lineage:
            uris.add(f"{node.path}index.md")
            uris.update(_uri(e) for e in node.entries)
        file = files.get_file_from_path(_uri(entry))
        page = file.page if file is not None else None
        for neighbour in (page.previous_page, page.next_page) if page is not None else ():
            if neighbour is not None and getattr(neighbour, "file", None) is not None:
                uris.add(neighbour.file.src_uri)
    return uris


def _shape(catalogue: Catalogue) -> list[Any]:
    """Addresses, order and unit names: what the navigation is built from (labels aside)."""
    return [
        (node.path, node.name, [e.path for e in node.entries], [c.path for c in node.sorted_children()])
        for node in catalogue.units()
    ]


def _search_plugin(config: Any) -> Any:
    for plugin in config.plugins.values():
        if hasattr(plugin, "search_index") and hasattr(plugin, "search_index_prev"):
            return plugin
    return None
