"""The one place that touches names MkDocs, Material for MkDocs and mkdocs-mermaid2-plugin do not
publish as their API. Each is pinned by a test in `tests/test_internals.py` that fails, naming
the name, when an upgrade changes it; pyproject.toml admits only the versions tested.

- MkDocs' build loop: `mkdocs.commands.build._populate_page` and `_build_page` (quick updates
  and pages rendered ahead build single pages exactly as `mkdocs build` does), the text of its
  "Page skipped" log line, `Page._title_from_render`, and `File.is_modified`, set per file for
  dirty rebuilds (MkDocs asks it of each page in dirty mode).
- MkDocs' live-reload server: `_rebuild_cond` and `_want_rebuild`, the flag its own file
  handler raises (a handler of ours must ask for a build the same way).
- The search plugin (Material's or MkDocs'): its `search_index` (with `entries` and `config`),
  `search_index_prev` (the index of the last build, merged in dirty builds) and `is_dirty`.
- Material's sidebar macro: `partials/nav-item.html`'s `render(nav_item, path, level, parent)`.
- mkdocs-mermaid2-plugin: `_javascript`, the cached value of its `javascript` option.

One private name lives elsewhere: pypdf's `PdfWriter._add_object` in `printing/booklet.py`
(the booklet's page stamps need new streams in the writer, and pypdf has no public way to add
one; the printing room may not import this adapter). It is pinned by the same tests.
"""

from __future__ import annotations

import logging
from typing import Any

from mkdocs.commands import build as mkdocs_build

__all__ = [
    "BUILD_LOGGER",
    "MATERIAL_NAV",
    "MATERIAL_NAV_ITEM_CALL",
    "SearchIndex",
    "SkippedPages",
    "build_page",
    "can_request_rebuild",
    "forget_rendered_title",
    "populate_page",
    "request_rebuild",
    "set_modified",
    "use_mermaid2_javascript",
]

# MkDocs' build loop --------------------------------------------------------------------------

BUILD_LOGGER = "mkdocs.commands.build"
SKIPPED = "Page skipped: '"  # mkdocs/commands/build.py: f"Page skipped: '{src_uri}'. Generated empty output."


def populate_page(page: Any, config: Any, files: Any) -> None:
    """Read and convert one page as MkDocs' build does (`_populate_page`)."""
    mkdocs_build._populate_page(page, config, files)


def build_page(page: Any, config: Any, doc_files: Any, nav: Any, env: Any) -> None:
    """Render and write one page as MkDocs' build does (`_build_page`)."""
    mkdocs_build._build_page(page, config, doc_files, nav, env)


def forget_rendered_title(page: Any) -> None:
    """A generated page has no Markdown heading to take its title from."""
    page._title_from_render = None


def set_modified(file: Any, modified: bool) -> None:
    """What `file.is_modified()` answers this build (MkDocs asks it in dirty mode)."""
    file.is_modified = (lambda: True) if modified else (lambda: False)


class SkippedPages(logging.Filter):
    """Hides MkDocs' "Page skipped … empty output" line for the pages in `uris` (pages written
    elsewhere, e.g. rendered ahead: not news). Add it to the logger named `BUILD_LOGGER`."""

    def __init__(self, uris: set[str]) -> None:
        super().__init__()
        self.uris = uris

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if message.startswith(SKIPPED):
            return message[len(SKIPPED):].split("'", 1)[0] not in self.uris
        return True


# MkDocs' live-reload server ------------------------------------------------------------------


def can_request_rebuild(server: Any) -> bool:
    return hasattr(server, "_rebuild_cond") and hasattr(server, "_want_rebuild")


def request_rebuild(server: Any) -> None:
    """Ask `mkdocs serve` for a build, as its own file handler does."""
    with server._rebuild_cond:
        server._want_rebuild = True
        server._rebuild_cond.notify_all()


# The search plugin ----------------------------------------------------------------------------


class SearchIndex:
    """Access to the search plugin's index of this build (Material's or MkDocs' own)."""

    def __init__(self, plugin: Any) -> None:
        self.plugin = plugin

    @classmethod
    def of(cls, config: Any) -> SearchIndex | None:
        """The site's search plugin, or None when it has none (or one this code does not know)."""
        for plugin in config.plugins.values():
            index = getattr(plugin, "search_index", None)
            if index is not None and hasattr(index, "entries"):
                return cls(plugin)
        return None

    @property
    def entries(self) -> list[dict[str, Any]]:
        """This build's entries, in the order they are written (a list to change in place)."""
        return self.plugin.search_index.entries

    @entries.setter
    def entries(self, value: list[dict[str, Any]]) -> None:
        self.plugin.search_index.entries = value

    @property
    def options(self) -> dict[str, Any]:
        """The options the index writes into search_index.json (lang, separator, …)."""
        return self.plugin.search_index.config

    @property
    def previous_entries(self) -> list[dict[str, Any]] | None:
        """The last build's entries, kept by the plugin for a dirty build; None without."""
        previous = getattr(self.plugin, "search_index_prev", None)
        return None if previous is None else previous.entries

    def forget_previous(self) -> None:
        """The plugin's own dirty merge assumes a single rebuilt page: it must not run."""
        self.plugin.search_index_prev = None

    def start_round(self) -> None:
        """A new, empty index for the pages rendered now; the current one becomes the previous."""
        plugin = self.plugin
        plugin.search_index_prev = plugin.search_index
        plugin.search_index = type(plugin.search_index)(**plugin.config)

    def can_write_kept(self) -> bool:
        """True when the index can be written from kept JSON (no merge of the plugin pending)."""
        return self.previous_entries is None and hasattr(self.plugin.search_index, "generate_search_index")

    def write_with_plugin(self, config: Any) -> None:
        self.plugin.on_post_build(config=config)

    def written(self) -> None:
        """What the plugin does after writing the index in dirty mode: keep it as the previous."""
        if self.plugin.is_dirty:
            self.plugin.search_index_prev = self.plugin.search_index


# Material's sidebar ---------------------------------------------------------------------------

MATERIAL_NAV = "partials/nav.html"
"""Material's sidebar template, which sopbook's sidebar wraps (plugin/sidebar.py)."""

MATERIAL_NAV_ITEM_CALL = """\
{%- import "partials/nav-item.html" as sopbook_item with context -%}
{{- sopbook_item.render(nav_item, "__sopbook", 1, none) -}}"""
"""One navigation item drawn by Material's own macro, as Material's sidebar draws it."""


# mkdocs-mermaid2-plugin -----------------------------------------------------------------------


def use_mermaid2_javascript(plugin: Any, uri: str) -> None:
    """Make mermaid2 take `uri` (a file sopbook provides) as its Mermaid library without
    looking for it in docs_dir, where it would refuse to build."""
    plugin._javascript = uri
