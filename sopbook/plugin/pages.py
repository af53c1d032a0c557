"""The pages sopbook adds: one per SOP, one per unit, the catalogue and "Cari SOP".

Each is a `GeneratedPage` made with its file in `on_files`: MkDocs' Markdown step is skipped
(there is no Markdown), its title and metadata come from the SOP (escaped: MkDocs and Material
treat titles as HTML), and its body is asked of the core's renderer in `on_page_content`.
"""

from __future__ import annotations

import re
from typing import Any

from jinja2 import TemplateError
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from ..drawing.swimlane import swimlane_source
from ..messages import define, say
from ..portal.catalogue import Entry
from ..render import Renderer, template_problem
from . import printing
from .internals import forget_rendered_title
from .monitoring import form_path
from .state import (
    CARI_TITLE,
    CARI_URI,
    KATALOG_JSON_URI,
    KATALOG_TITLE,
    KATALOG_URI,
    MONITORING_TITLE,
    MONITORING_URI,
    PortalPages,
    page_uri,
)
from .titles import edit_path, html_text

__all__ = ["GeneratedPage", "add_pages", "set_meta", "Bodies"]

define(
    "build.page_clash",
    id="sopbook: halaman {uri} yang dibuat sopbook bertabrakan dengan berkas di docs_dir",
    en="sopbook: generated page {uri} clashes with a file in docs_dir",
)


class GeneratedPage(Page):
    """A page whose body sopbook renders from data: MkDocs' Markdown step is skipped (there
    is no Markdown to convert), and `on_page_content` supplies the HTML."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""
        self.toc = get_toc([])
        forget_rendered_title(self)
        self.present_anchor_ids = set()
        self.links_to_anchors = {}


def add_pages(files: Files, config: MkDocsConfig, portal: PortalPages, *, pagefind: bool) -> None:
    """on_files: a file and a page for every unit and SOP, the catalogue and "Cari SOP"."""
    portal.entries.clear()
    portal.units.clear()
    portal.files.clear()
    for node in portal.catalogue.units():
        uri = f"{node.path}index.md"
        _add(files, config, portal, uri, node.path, None)
        portal.units[uri] = node
    for entry in portal.catalogue:
        uri = page_uri(entry)
        # Material's "edit this page" (repo_url + edit_uri) opens the SOP's YAML file
        _add(files, config, portal, uri, entry.path, html_text(entry.label), edit_path(entry.loaded.path, config.docs_dir))
        portal.entries[uri] = entry
    _add(files, config, portal, KATALOG_URI, "katalog/", KATALOG_TITLE)
    _add(files, config, portal, MONITORING_URI, "pemantauan/", MONITORING_TITLE)
    if pagefind:
        _add(files, config, portal, CARI_URI, "cari/", CARI_TITLE)


def _add(
    files: Files, config: MkDocsConfig, portal: PortalPages, uri: str, path: str, title: str | None,
    edit_uri: str | None = None,
) -> None:
    if files.get_file_from_path(uri) is not None:
        raise PluginError(say("build.page_clash", uri=uri))
    file = File.generated(config, uri, content="")
    if edit_uri is not None:
        file.edit_uri = edit_uri
    files.append(file)
    portal.files[path] = file
    GeneratedPage(title, file, config)  # becomes file.page; MkDocs' navigation takes it as it is


def set_meta(page: Page, portal: PortalPages) -> None:
    """on_page_markdown: the title, search tags and layout of a generated page."""
    uri = page.file.src_uri
    if uri in portal.entries:
        sop = portal.entries[uri].sop
        page.meta["title"] = html_text(sop.title)  # MkDocs and Material take titles as HTML
        if sop.number:
            # Material's search boosts tags (1e6): typing the number finds the page first
            page.meta.setdefault("tags", [html_text(sop.number)])
        # the official layout needs the width: no table-of-contents column
        page.meta.setdefault("hide", ["toc"])
    elif uri in portal.units:
        page.meta["title"] = html_text(portal.units[uri].name)
    elif uri == KATALOG_URI:
        page.meta["title"] = KATALOG_TITLE
    elif uri == MONITORING_URI:
        page.meta["title"] = MONITORING_TITLE
    elif uri == CARI_URI:
        page.meta["title"] = CARI_TITLE
        page.meta["search"] = {"exclude": True}


_ID = re.compile(r'\sid="([^"]+)"')


class Bodies:
    """The bodies of generated pages, asked of the core's renderer."""

    def __init__(self, renderer: Renderer, options: Any, *, mermaid2: bool) -> None:
        self.renderer = renderer
        self.options = options
        self.mermaid2 = mermaid2

    def body(self, page: Page, config: MkDocsConfig, portal: PortalPages) -> str:
        """sopbook's body of a generated page; sets the anchors others may link to."""
        try:
            html = self._render(page, config, portal)
        except TemplateError as error:  # e.g. a site's override template: its file and line
            raise PluginError(template_problem(error, page.file.src_uri)) from None
        # anchors others may link to (MkDocs validates links into generated pages too)
        page.present_anchor_ids = set(_ID.findall(html))
        return html

    def _render(self, page: Page, config: MkDocsConfig, portal: PortalPages) -> str:
        uri = page.file.src_uri
        entry = portal.entries.get(uri)
        node = portal.units.get(uri)

        def url(path: str) -> str:
            return get_relative_url(portal.url(path), page.url)

        if entry is not None:
            return self.renderer.sop_page(
                entry,
                url=url,
                links=portal.references.links_of(entry),
                cited_by=portal.references.citing(entry),
                swimlane=self._swimlane(entry),
                last_changed=portal.last_changed.get(entry.loaded.path.resolve()),
                print_footer=printing.footer(entry, config, page.url),
                site_root=get_relative_url("./", page.url),  # lifecycle.js (partials/version.html)
                logo=printing.page_logo(portal.logos, entry, page.url),
            )
        if node is not None:
            return self.renderer.unit_page(node, url=url)
        if uri == MONITORING_URI:  # "Pemantauan SOP", with each unit's blank Tabel 7
            return self.renderer.monitoring_page(
                portal.catalogue, url=url, forms=lambda node: get_relative_url(form_path(node), page.url)
            )
        if uri == CARI_URI:
            return self.renderer.render("pagefind.html", bundle=get_relative_url("pagefind/", page.url))
        return self.renderer.catalogue_page(
            portal.catalogue,
            portal.references,
            url=url,
            data_url=get_relative_url(KATALOG_JSON_URI, page.url),
            site_root=get_relative_url("./", page.url),
        )

    def _swimlane(self, entry: Entry) -> dict[str, str] | None:
        mode = self.options.swimlane
        if mode == "off":
            return None
        return {
            "mode": mode,
            "source": swimlane_source(entry.sop, engine=self.options.swimlane_engine),
            "renderer": "mermaid2" if self.mermaid2 else "material",
        }

    def search_text(self, entry: Entry, portal: PortalPages) -> Markup | str:
        """What the search index reads of an SOP page: its text, not its layout."""
        return self.renderer.search_text(entry, cited_by=portal.references.citing(entry))
