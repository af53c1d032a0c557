"""The sidebar of SOP and unit pages, and a cache of it for the SOP pages of one unit.

`navigation.prune` still lists every government and every sibling unit along the current
page's path, so the sidebar of an SOP or unit page is made here instead: the hand-written
pages, the catalogue, and the path to the page's unit (the unit's SOPs and sub-units, no
siblings of its ancestors). Its size does not grow with the portal; the unit pages and the
catalogue list the rest.

Every SOP page of a unit then has the same sidebar but for which item is the current page,
and Material renders it item by item for each page (a sixth of a page's rendering). So the
theme's `partials/nav.html` is wrapped (`add_templates`): the first SOP page of a unit gets
Material's own sidebar, kept with its own item's markup as the current page and every other
SOP's item as a plain one (rendered by the theme's own `partials/nav-item.html`). Another SOP
page of the unit gets that HTML with the first page's item made plain and its own made
current: the two items' markup differs only in link and title, which are swapped. If any of
these strings is not found exactly once, the page gets Material's own rendering. The SOP pages
of a unit share a folder depth, so their relative links are the same; `SOPBOOK_SIDEBAR_CACHE=0`
turns this off (the tests compare both).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from jinja2 import ChoiceLoader, DictLoader, pass_context
from markupsafe import Markup, escape
from mkdocs.structure.nav import Navigation, Section
from mkdocs.utils import normalize_url

from ..portal.catalogue import Entry, OrgNode
from .internals import MATERIAL_NAV, MATERIAL_NAV_ITEM_CALL

ORIGINAL = "sopbook-theme-nav.html"
ITEM = "sopbook-nav-item.html"
WRAPPER = """\
{%- set sopbook_kept = sopbook_sidebar.reuse(page) -%}
{%- if sopbook_kept is not none -%}{{ sopbook_kept }}{%- else -%}
{%- set sopbook_made -%}{% include "sopbook-theme-nav.html" %}{%- endset -%}
{{- sopbook_sidebar.keep(page, sopbook_made) -}}
{%- endif -%}"""


class Sidebars:
    def __init__(self) -> None:
        self._nav: Navigation | None = None
        self._top: list[Any] = []  # hand-written pages and catalogue links
        self._sections: dict[str, Section] = {}  # unit index src_uri -> its nav section
        self._entries: dict[str, Entry] = {}
        self._units: dict[str, OrgNode] = {}
        self._pages: dict[str, Any] = {}  # src_uri -> page
        self._kept: dict[str, tuple[Any, str, str, dict[str, str]]] = {}  # unit path -> first page, html, ...
        self.reuse_kept = True
        """Off while serving: quick updates render pages of an older build's units."""
        self._allowed = os.environ.get("SOPBOOK_SIDEBAR_CACHE", "1") != "0"  # "0": tests compare

    def index(self, nav: Navigation, entries: dict[str, Entry], units: dict[str, OrgNode]) -> None:
        """on_nav: find each unit's section of the site navigation."""
        self._nav = nav
        self._entries = entries
        self._units = units
        self._pages = {p.file.src_uri: p for p in nav.pages}
        self._sections = dict(_unit_sections(nav.items, units))
        inside = {id(section) for section in self._sections.values()}
        self._top = [item for item in nav.items if id(item) not in inside]
        self._kept = {}

    def context(self, context: Any, page: Any) -> Any:
        """on_page_context: an SOP or unit page's own sidebar (`nav` of the template)."""
        uri = page.file.src_uri
        entry = self._entries.get(uri)
        node = entry.org if entry is not None else self._units.get(uri)
        if node is None or not self._sections or self._nav is None:
            return context
        lineage = node.lineage
        inner = self._sections.get(f"{lineage[-1].path}index.md")
        if inner is None:  # the site's own `nav` leaves the unit out
            return context
        for ancestor in reversed(lineage[:-1]):
            original = self._sections.get(f"{ancestor.path}index.md")
            if original is None:
                return context
            inner = _PathSection(original, inner)
        sidebar = Navigation([*self._top, inner], [])
        sidebar.homepage = self._nav.homepage
        context["nav"] = sidebar
        return context

    # The cache ------------------------------------------------------------------------------

    def add_templates(self, env: Any) -> None:
        """on_env: wrap the theme's `partials/nav.html` (a site's override of it included)."""
        try:
            source = env.loader.get_source(env, MATERIAL_NAV)[0]
            env.loader.get_source(env, "partials/nav-item.html")
        except Exception:  # not Material's templates: leave the theme alone
            return
        templates = {MATERIAL_NAV: WRAPPER, ORIGINAL: source, ITEM: MATERIAL_NAV_ITEM_CALL}
        env.loader = ChoiceLoader([DictLoader(templates), env.loader])
        env.globals["sopbook_sidebar"] = self

    @pass_context
    def reuse(self, context: Any, page: Any) -> Markup | None:
        """The kept sidebar of the page's unit, made this page's; None: render it."""
        kept = self._kept.get(self._unit_of(page))
        if kept is None or not (self.reuse_kept and self._allowed):
            return None
        first, html, current, plain = kept
        own = plain.get(page.file.src_uri)
        if own is None or page is first:
            return None
        # the items differ only in their link (a current page's is "./") and title: swap those
        title_first, title_mine = self._title(context, first), self._title(context, page)
        mine = _swap(current, (title_first,), (title_mine,))
        first_plain = _swap(
            own,
            (_href(page, seen_from=first, context=context), title_mine),
            (_href(first, seen_from=page, context=context), title_first),
        )
        if mine is None or first_plain is None or html.count(current) != 1 or html.count(own) != 1:
            return None
        return Markup(html.replace(current, first_plain).replace(own, mine))

    @pass_context
    def keep(self, context: Any, page: Any, html: str) -> str:
        """Material's own sidebar of an SOP page, kept for the other SOP pages of its unit
        with the markup of each item as current (this page's) and plain (the others')."""
        unit = self._unit_of(page)
        if unit is not None and unit not in self._kept and self.reuse_kept and self._allowed:
            entry = self._entries[page.file.src_uri]
            plain = {}
            for other in entry.org.entries:
                sibling = self._pages.get(other.path.rstrip("/") + ".md")
                if sibling is not None and sibling is not page:
                    plain[sibling.file.src_uri] = self._item(context, sibling)
            self._kept[unit] = (page, str(html), self._item(context, page), plain)
        return html

    @staticmethod
    def _title(context: Any, page: Any) -> str:
        title = str(page.title)
        return str(escape(title)) if context.eval_ctx.autoescape else title

    def _unit_of(self, page: Any) -> str | None:
        if page is None or getattr(page, "file", None) is None:  # 404.html and other theme pages
            return None
        entry = self._entries.get(page.file.src_uri)
        return entry.org.path if entry is not None else None

    def _item(self, context: Any, item: Any) -> str:
        template = context.environment.get_template(ITEM)
        return template.render({**context.get_all(), "nav_item": item})


def _href(page: Any, *, seen_from: Any, context: Any) -> str:
    """The link attribute of `page`'s item in the sidebar of `seen_from` (a sibling)."""
    return f'href="{normalize_url(str(page.url), page=seen_from, base=context["base_url"])}"'


def _swap(markup: str, old: tuple[str, str], new: tuple[str, str]) -> str | None:
    """`markup` with the link and title `old` replaced by `new`; None unless each is there once."""
    for before, after in zip(old, new):
        if markup.count(before) != 1:
            return None
        markup = markup.replace(before, after)
    return markup


class _PathSection(Section):
    """An ancestor of the current page's unit in its sidebar: its index page and the next
    level of the path only. The site's own navigation objects are not changed."""

    def __init__(self, original: Section, inner: Section) -> None:
        super().__init__(original.title, [original.children[0], inner])
        self.active = True


def _unit_sections(items: list[Any], units: dict[str, OrgNode]) -> Iterator[tuple[str, Section]]:
    """(index page src_uri, Section) of every organisation unit in the navigation."""
    for item in items:
        if isinstance(item, Section):
            first = item.children[0] if item.children else None
            file = getattr(first, "file", None)
            if file is not None and file.src_uri in units:
                yield file.src_uri, item
            yield from _unit_sections(item.children, units)
