"""The site navigation: the hand-written pages, the catalogue (and "Cari SOP"), then the
organisation tree with its units and SOPs. Titles from SOP files are handed over escaped."""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from ..portal.addresses import SOP_ROOT
from ..portal.catalogue import OrgNode
from .state import (
    CARI_TITLE,
    CARI_URI,
    KATALOG_TITLE,
    KATALOG_URI,
    MONITORING_TITLE,
    MONITORING_URI,
    PortalPages,
    page_uri,
)
from .titles import nav_page, nav_section

__all__ = ["navigation"]


def navigation(files: Files, config: MkDocsConfig, portal: PortalPages, *, pagefind: bool) -> list[Any]:
    """The value of `config.nav` for this build."""
    if config.nav is not None:
        nav = [item for item in config.nav if not _is_generated(item)]
    else:
        generated = portal.generated_uris()
        pages = [f.src_uri for f in files.documentation_pages() if f.src_uri not in generated]
        pages.sort(key=lambda uri: (uri != "index.md", uri.count("/"), uri))
        nav = list(pages)
    nav.append({KATALOG_TITLE: KATALOG_URI})
    nav.append({MONITORING_TITLE: MONITORING_URI})
    if pagefind:
        nav.append({CARI_TITLE: CARI_URI})
    nav.extend(_section(node) for node in portal.catalogue.root.sorted_children())
    return nav


def _section(node: OrgNode) -> dict[Any, list[Any]]:
    children: list[Any] = [f"{node.path}index.md"]
    children.extend(_section(child) for child in node.sorted_children())
    children.extend(nav_page(e.label, page_uri(e)) for e in node.entries)
    return nav_section(node.name, children)


def _is_generated(item: Any) -> bool:
    """True for nav entries a previous build of this plugin added (serve rebuilds)."""
    if isinstance(item, dict):
        return any(_is_generated(v) for v in item.values())
    if isinstance(item, list):
        return any(_is_generated(v) for v in item)
    return isinstance(item, str) and (item.startswith(f"{SOP_ROOT}/") or item in (KATALOG_URI, CARI_URI, MONITORING_URI))
