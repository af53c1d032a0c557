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
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from mkdocs import utils as mkdocs_utils

from ...messages import say
from ...portal.catalogue import Catalogue
from ...portal.incremental import Replaced, replace_in_place
from ...portal.references import References
from ...portal.splice import CatalogueJson, SearchIndexJson
from ...sop.cache import LoadCache
from ...sop.loading import ORG_FILE
from ...portal.logos import find_logos
from ..internals import SearchIndex, build_page, populate_page
from ..log import log
from ..serving import ServeGuard
from ..state import KATALOG_JSON_URI, PortalPages, page_uri
from ..titles import html_text
from .digests import digest_of
from .preview import LastBuild, Preview
from .watching import ContentChanges

__all__ = ["QuickBuilder", "QuickServices"]


@dataclass(frozen=True)
class QuickServices:
    """What a quick update works with, handed over by the plugin (no access to its fields)."""

    options: Any
    """The plugin's options."""
    preview: Preview
    guard: ServeGuard
    loader: LoadCache
    catalogue_json: CatalogueJson
    portal: Callable[[], PortalPages]
    """The state of the last build."""
    adopt: Callable[[PortalPages], None]
    """Called with the state made by a quick update."""
    written_beside: Callable[[Any, PortalPages], None] | None = None
    """Writes again, after catalogue.json, the other files made from every SOP (files, state)."""


class QuickBuilder:
    """Stands in for `mkdocs serve`'s builder: a quick update when possible, else `full()`."""

    def __init__(self, services: QuickServices, full: Callable[..., Any], server: Any = None) -> None:
        self.services = services
        self.full = full
        self.changes = ContentChanges()  # the SOP files the watcher saw change (watching.py)
        if server is not None:
            self.changes.watch(server, services.options.content_dir)
        self.search_json = SearchIndexJson()  # the search index, kept per entry (splice.py)
        self._prepare(services.preview.last)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        changed = self.changes.take()  # whatever is built next reads these files
        preview = self.services.preview
        if not args and not kwargs:
            enabled = gc.isenabled()
            gc.disable()  # the heap holds the whole portal: no collection passes over it now
            started, cpu = time.perf_counter(), time.thread_time()
            try:
                portal = self.update(self.services.portal(), changed)
                if portal is not None:
                    self.services.adopt(portal)
                    seconds, cpu = time.perf_counter() - started, time.thread_time() - cpu
                    log.info(say("build.quick_update", count=preview.rebuilt_count, seconds=seconds, cpu=cpu))
                    return None
            except Exception as error:  # never worse than a full rebuild
                log.debug(f"quick update not possible ({error!r}); rebuilding")
            finally:
                if enabled:
                    gc.enable()
        preview.last = None
        done = self.full(*args, **kwargs)
        self._prepare(preview.last)
        return done

    def _prepare(self, last: LastBuild | None) -> None:
        """After a full build, while the preview waits for an edit: each entry's JSON of the
        index just written, and the texts that may name an SOP by title."""
        if last is None:
            return
        self.services.portal().references.prepare_update()
        search = SearchIndex.of(last.config)
        if search is not None:
            self.search_json.keep(search.entries)

    def update(self, portal: PortalPages, changed: set[Path] | None = None) -> PortalPages | None:
        """The edit applied to the last build: the new state, or None when MkDocs must
        rebuild. `changed`: the files the watcher saw change (None: not known, every file is
        checked)."""
        services = self.services
        preview, guard, loader = services.preview, services.guard, services.loader
        last = preview.last
        if last is None:
            return None
        config, files, nav, env = last
        preview.last = None  # used up, whatever happens next
        if guard.problems:
            return None  # the last build showed problems: MkDocs' rebuild clears the banner
        salt = repr(guard.problems)
        if digest_of([preview.global_digest(config, services.options), salt]) != preview.common:
            return None
        base = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        if _logos_changed(portal, changed, base / services.options.content_dir):
            return None  # an organisation folder's logo: MkDocs' rebuild reads it
        result = loader.load_changed(changed, [services.options.content_dir], base=base)
        if result.problems:
            return None
        if not loader.loaded and not loader.removed:  # no SOP changed: the site is current
            preview.rebuilt_count = 0
            preview.last = last
            return portal
        if loader.removed:
            return None  # an SOP or its address is gone: MkDocs' rebuild removes its pages
        old = portal.catalogue
        reread = {str(path) for path in loader.loaded}
        replaced = replace_in_place(  # the same entries, their SOPs and references updated
            old, portal.references, [loaded for loaded in result.sops if str(loaded.path) in reread]
        )
        if replaced is not None:
            new = portal
            relabelled = [(page_uri(e), e.label) for e in replaced.changed if replaced.old_labels[id(e)] != e.label]
        else:  # something moved: a new catalogue, taken only if the navigation stays as it is
            catalogue = Catalogue(result.sops)
            if catalogue.problems or _shape(catalogue) != _shape(old):
                return None
            entries = {page_uri(e): e for e in catalogue}
            units = {f"{node.path}index.md": node for node in catalogue.units()}
            if entries.keys() != portal.entries.keys() or units.keys() != portal.units.keys():
                return None
            new = replace(portal, catalogue=catalogue, references=References(catalogue), entries=entries, units=units)
            relabelled = [(uri, e.label) for uri, e in entries.items() if portal.entries[uri].label != e.label]
        if services.options.strict_references and new.references.missing:
            return None
        guard.sops_to_build(result, strict=config.strict)  # the last good versions
        for uri, label in relabelled:
            file = files.get_file_from_path(uri)
            if file is None or file.page is None:
                return None
            file.page.title = html_text(label)  # the navigation's label of this SOP
        preview.mark(
            nav, files, config, options=services.options, entries=new.entries, units=new.units,
            always=new.generated_uris() - set(new.entries) - set(new.units),
            sha1=loader.sha1, references=new.references, hand_written=False, salt=salt,
            only=_affected(replaced, new.references, files) if replaced is not None else None,
        )
        search = SearchIndex.of(config)
        if search is not None:  # this round's entries beside the last full index
            search.start_round()
        doc_files = files.documentation_pages()
        env.auto_reload = False  # a changed template changes the global digest: MkDocs rebuilds
        pages = [f.page for f in doc_files if f.page is not None and f.is_modified()]
        for page in pages:
            populate_page(page, config, files)
        for page in pages:
            build_page(page, config, doc_files, nav, env)
        catalogue_file = files.get_file_from_path(KATALOG_JSON_URI)
        text = services.catalogue_json.text(new.catalogue, new.references, url=new.url)
        Path(catalogue_file.abs_dest_path).write_text(text, encoding="utf-8")
        if services.written_beside is not None:  # other files made from every SOP (the units' Tabel 7)
            services.written_beside(files, new)
        if search is not None:
            preview.before_search_index(config)
            self._write_search_index(search, config)
        preview.finish(config)
        preview.last = last
        return new

    def _write_search_index(self, search: SearchIndex, config: Any) -> None:
        """What the search plugin does after a build (`on_post_build`), with each entry's JSON
        kept from the last write (its index is the same on either way)."""
        if not search.can_write_kept():
            search.write_with_plugin(config)  # not the merge `before_search_index` made
            return
        options = {key: search.options[key] for key in ("lang", "separator", "pipeline", "fields")}
        text = self.search_json.text(options, search.entries)
        path = Path(config.site_dir) / "search" / "search_index.json"
        mkdocs_utils.write_file(text.encode("utf-8"), str(path))
        search.written()


def _affected(replaced: Replaced, references: References, files: Any) -> set[str]:
    """The generated pages whose digest (`Preview.mark`) may differ after `replaced`: the
    edited SOPs' pages, the pages they link to and that cite them, the SOPs whose links or
    "Dirujuk oleh" changed, every page of their units and the units above (sidebars, unit
    bodies) and their footer neighbours. Every other page's inputs are as they were."""
    uris: set[str] = set()
    for entry in [*replaced.changed, *replaced.touched]:
        uris.add(page_uri(entry))
    for entry in replaced.changed:
        uris.update(page_uri(target) for target in references.links_of(entry).values())
        uris.update(page_uri(citing) for citing in references.citing(entry))
        for node in entry.org.lineage:
            uris.add(f"{node.path}index.md")
            uris.update(page_uri(e) for e in node.entries)
        file = files.get_file_from_path(page_uri(entry))
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


def _logos_changed(portal: PortalPages, changed: set[Path] | None, content: Path) -> bool:
    """Whether an `_organisasi.yml` or a logo may have changed since the last build."""
    if changed is not None:
        return any(path.name == ORG_FILE or path.resolve() in portal.logos.sources for path in changed)
    return find_logos(content).digest != portal.logos.digest
