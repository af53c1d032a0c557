"""Quick updates while `mkdocs serve --dirty` runs (what `make serve` runs).

A whole MkDocs rebuild, even a dirty one, re-creates every file, page and navigation object
and writes the sitemap and the search index: seconds at 10,000 SOPs before a single page is
rendered. Most edits while reviewing change the text of SOPs and nothing of the site's shape,
so `QuickBuilder` first tries to apply them to the last good build in place:

- only when nothing but SOP files changed (mkdocs.yml, templates, the theme folder and the
  hand-written pages are as they were), every SOP file is valid, and every page keeps its
  address and its place in the navigation (titles may change; the order may not);
- the changed files are loaded again (the load cache), the catalogue and references rebuilt,
  and the pages whose digests changed (`preview.Preview.mark`: the SOP, the pages it links to
  and that cite it, its unit's pages and sidebars, neighbours' footers, the catalogue) are
  rendered again with MkDocs' own page functions and the last build's navigation and
  templates; `catalogue.json` and the search index are written again.

Anything else — or any error on the way — falls back to MkDocs' own rebuild, which is always
correct. This uses MkDocs' page-building functions (`mkdocs.commands.build`), not only its
plugin events; tests/test_preview.py checks every step against a real `mkdocs serve`.
"""

from __future__ import annotations

import gc
import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.commands import build as mkdocs_build

from ..catalogue import Catalogue, References, catalogue_records
from .preview import _hash
from .titles import html_text

if TYPE_CHECKING:
    from .plugin import SopbookPlugin

log = logging.getLogger("mkdocs.plugins.sopbook")


class QuickBuilder:
    """Stands in for `mkdocs serve`'s builder: a quick update when possible, else `full()`."""

    def __init__(self, plugin: "SopbookPlugin", full: Callable[..., Any]) -> None:
        self.plugin = plugin
        self.full = full

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if not args and not kwargs:
            enabled = gc.isenabled()
            gc.disable()  # the heap holds the whole portal: no collection passes over it now
            try:
                if self.update():
                    return None
            except Exception as error:  # never worse than a full rebuild
                log.debug(f"sopbook: quick update not possible ({error!r}); rebuilding")
            finally:
                if enabled:
                    gc.enable()
        self.plugin._preview.last = None
        return self.full(*args, **kwargs)

    def update(self) -> bool:
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
        result = plugin._loader.load_paths([plugin.config.content_dir], base=base)
        if result.problems or not plugin._loader.loaded:
            return False
        catalogue = Catalogue(result.sops)
        old = plugin.catalogue
        if catalogue.problems or old is None or _shape(catalogue) != _shape(old):
            return False
        references = References(catalogue)
        if plugin.config.strict_references and references.missing:
            return False
        entries = {e.path.rstrip("/") + ".md": e for e in catalogue}
        units = {f"{node.path}index.md": node for node in catalogue.units()}
        if set(entries) != set(plugin._entries) or set(units) != set(plugin._units):
            return False
        for uri, entry in entries.items():
            file = files.get_file_from_path(uri)
            if file is None or file.page is None:
                return False
            if plugin._entries[uri].label != entry.label:
                file.page.title = html_text(entry.label)  # the navigation's label of this SOP
        plugin.catalogue, plugin.references = catalogue, references
        plugin._entries, plugin._units = entries, units
        preview.mark(
            nav, files, config, options=plugin.config, entries=entries, units=units,
            always=plugin._generated_uris() - set(entries) - set(units),
            sha1=plugin._loader.sha1, references=references, hand_written=False, salt=salt,
        )
        search = _search_plugin(config)
        if search is not None:  # this round's entries beside the last full index
            search.search_index_prev = search.search_index
            search.search_index = type(search.search_index)(**search.config)
        doc_files = files.documentation_pages()
        pages = [f.page for f in doc_files if f.page is not None and f.is_modified()]
        for page in pages:
            mkdocs_build._populate_page(page, config, files)
        for page in pages:
            mkdocs_build._build_page(page, config, doc_files, nav, env)
        records = catalogue_records(
            catalogue, references, url=lambda path: plugin._files_by_path[path].url
        )
        from .plugin import KATALOG_JSON_URI

        catalogue_file = files.get_file_from_path(KATALOG_JSON_URI)
        Path(catalogue_file.abs_dest_path).write_text(
            json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        if search is not None:
            preview.before_search_index(config)
            search.on_post_build(config=config)
        preview.finish(config)
        preview.last = last
        log.info(f"sopbook: quick update, {len(pages)} page(s) rendered again")
        return True


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
