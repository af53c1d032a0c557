"""MkDocs plugin: every SOP YAML file becomes a page; units get catalogue pages.

The adapter only moves data between MkDocs and the core (loading, catalogue, render): it
loads and validates before MkDocs touches `site_dir`, adds virtual pages, builds the
navigation from the organisation tree, and swaps each virtual page's body for the rendered
SOP (no Markdown parsing of generated content).
"""

from __future__ import annotations

import gc
import logging
import re
from pathlib import Path
from typing import Any

from jinja2 import TemplateError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from ..sop.cache import LoadCache
from ..portal.addresses import SOP_ROOT
from ..portal.catalogue import Catalogue, Entry, OrgNode
from ..portal.references import References
from ..portal.git import last_changed
from ..messages import say
from ..render import Renderer, template_problem
from ..portal.splice import CatalogueJson
from ..drawing.swimlane import swimlane_source
from . import printing
from .fast.ahead import AheadRenderer, process_count
from .a11y import name_search_dialog
from .config import SopbookConfig
from .fast.pagecache import PageCache
from .fast.preview import MemoryBytecodeCache, Preview
from .mermaid import configure_mermaid2
from .pagefind import run_pagefind
from .fast.quick import QuickBuilder
from .search import use_word_separator
from .sidebar import Sidebars
from .fast.sitedir import SiteClearer
from .serving import ServeGuard
from .titles import edit_path, html_text, nav_page, nav_section

log = logging.getLogger("mkdocs.plugins.sopbook")

ASSETS = Path(__file__).parent.parent / "assets"
CSS_URI = "assets/sopbook/sopbook.css"
KATALOG_JS_URI = "assets/sopbook/katalog.js"
LOADER_URI = "assets/sopbook/mermaid-loader.js"
MERMAID_URI = "assets/sopbook/mermaid/mermaid.min.js"
MERMAID_FILES = {
    MERMAID_URI: ASSETS / "mermaid" / "mermaid.min.js",
    "assets/sopbook/mermaid/LICENSE": ASSETS / "mermaid" / "LICENSE",
}
KATALOG_URI = "katalog/index.md"
KATALOG_JSON_URI = "katalog/catalogue.json"
KATALOG_TITLE = "Katalog SOP"
CARI_URI = "cari/index.md"
CARI_TITLE = "Cari SOP"
REQUIRED_FEATURES = ("navigation.prune", "navigation.indexes")


class SopbookPlugin(BasePlugin[SopbookConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.catalogue: Catalogue | None = None
        self.references: References | None = None
        self.renderer: Renderer | None = None
        self._entries: dict[str, Entry] = {}  # src_uri -> SOP
        self._units: dict[str, OrgNode] = {}  # src_uri -> unit catalogue page
        self._files_by_path: dict[str, File] = {}  # site-relative path -> generated file
        self._mermaid2: Any = None
        self._page_html: dict[str, str] = {}  # page bodies set aside while search indexes
        self._nav: Navigation | None = None
        self._sidebars = Sidebars()
        self._loader = LoadCache()  # kept across `mkdocs serve` rebuilds (on_startup below)
        self._preview = Preview()
        self._compiled = MemoryBytecodeCache()
        self._build: list[Any] = []  # this build's files and template environment
        self._pages = PageCache()  # whole pages between `mkdocs build` runs
        self._ahead = AheadRenderer()  # pages rendered on every CPU during `mkdocs build`
        self._serving = False
        self._changed: dict[Path, Any] = {}  # SOP file -> date of its last commit ("Terakhir diubah")
        self._guard = ServeGuard()  # `mkdocs serve` keeps going past broken SOP files
        self._logos = printing.Logos()  # the organisation folders' logos (on_pre_build)
        self._site = SiteClearer()  # the previous site deleted beside the build
        self._catalogue_json = CatalogueJson()  # catalogue.json, kept per SOP across serve rebuilds

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so that MkDocs keeps this object across `mkdocs serve` rebuilds."""
        self._guard.start(command)
        self._serving = command == "serve"
        self._sidebars.reuse_kept = not self._serving
        self._preview.enabled = dirty

    # Configuration ------------------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.config.configure_theme and config.theme.name == "material":
            features = config.theme.setdefault("features", [])
            for feature in REQUIRED_FEATURES:
                if feature not in features:
                    features.append(feature)
        if CSS_URI not in config.extra_css:
            config.extra_css.insert(0, CSS_URI)
        scripts = [str(s) for s in config.extra_javascript]
        if KATALOG_JS_URI not in scripts:
            config.extra_javascript.append(KATALOG_JS_URI)
        self._mermaid2 = config.plugins.get("mermaid2")
        if self.config.swimlane != "off" and self._mermaid2 is None and LOADER_URI not in scripts:
            # defines window.mermaid before Material looks for it: no CDN, ever
            config.extra_javascript.insert(0, LOADER_URI)
        if self._mermaid2 is not None:
            configure_mermaid2(self._mermaid2, MERMAID_URI)
        use_word_separator(config.plugins)  # "[Domisili]" finds "Domisili"
        overrides: list[str] = []
        if self.config.templates_dir:
            overrides.append(self.config.templates_dir)
        elif config.theme.custom_dir:
            overrides.append(str(Path(config.theme.custom_dir) / "sopbook"))
        self.renderer = Renderer(overrides, flowchart=self.config.flowchart, paper=self.config.paper)
        printing.add_assets(config, self.config.print_swimlane)
        self.renderer.env.bytecode_cache = self._compiled
        base = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        folder = base / self.config.cache_dir if self.config.cache else None
        if self._loader.folder != folder:
            self._loader = LoadCache(folder, processes=process_count(self.config.processes))
        pages = folder if folder is not None and not self._serving else None
        self._preview.digests_wanted = self._pages.configure(pages, config)
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        """Load and validate every SOP before MkDocs cleans or writes `site_dir`."""
        base = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        result = self._loader.load_paths([self.config.content_dir], base=base)
        gc.freeze()  # the loaded SOPs stay: the collector need not walk them while the catalogue grows
        if not self._serving or len(self._loader.loaded) > 1:  # serve: on_shutdown saves edits
            self._loader.save(background=not self._serving)
        sops = self._guard.sops_to_build(result, strict=config.strict)
        self.catalogue = self._guard.catalogue(sops, strict=config.strict)  # two pages on one address
        self.references = References(self.catalogue)
        self._changed = last_changed(self.config.content_dir)  # one `git log`; {} outside git
        missing = [ref for item in self.references.missing for ref in item.references]
        if missing and self.config.strict_references:
            problems = [ref.source.loaded.problem(ref.path, say("ref.missing", text=ref.text)) for ref in missing]
            self._guard.refuse(problems, "build.missing_refs", strict=config.strict)
        self._logos = printing.load_logos(config, self.config.content_dir)
        if self._logos.problems:
            self._guard.refuse(self._logos.problems, "build.logos", strict=config.strict)
        log.info(say("build.loaded", count=len(self.catalogue), folder=self.config.content_dir))
        printing.warn_without_site_url(config)
        if not self._serving and not self._preview.enabled:  # valid: the old site can go
            self._site.clear_aside(config.site_dir)
        # The SOPs live until the build ends: keep the cyclic garbage collector from walking
        # them again and again while pages are built (a tenth of a 10,000-SOP build).
        gc.freeze()

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(self.config.content_dir)
        if self.config.templates_dir:
            server.watch(self.config.templates_dir)
        if self._preview.enabled:  # edits that keep the site's shape skip MkDocs' rebuild
            server.builder = QuickBuilder(self, server.builder, server)
        return server

    # Files and navigation ---------------------------------------------------------------

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.catalogue is not None
        self._entries.clear()
        self._units.clear()
        self._files_by_path.clear()
        for node in self.catalogue.units():
            self._add(files, config, f"{node.path}index.md", node.path)
            self._units[f"{node.path}index.md"] = node
        for entry in self.catalogue:
            uri = entry.path.rstrip("/") + ".md"
            file = self._add(files, config, uri, entry.path)
            # Material's "edit this page" (repo_url + edit_uri) opens the SOP's YAML file
            file.edit_uri = edit_path(entry.loaded.path, config.docs_dir)
            self._entries[uri] = entry
        self._add(files, config, KATALOG_URI, "katalog/")
        if self.config.pagefind:
            self._add(files, config, CARI_URI, "cari/")
        files.append(File.generated(config, CSS_URI, abs_src_path=str(ASSETS / "sopbook.css")))
        files.append(File.generated(config, KATALOG_JS_URI, abs_src_path=str(ASSETS / "katalog.js")))
        for file in printing.asset_files(config, self.config.paper, self.config.print_swimlane):
            files.append(file)
        for file in printing.logo_files(config, self._logos):
            files.append(file)
        if self.config.swimlane != "off":
            files.append(File.generated(config, LOADER_URI, abs_src_path=str(ASSETS / "mermaid-loader.js")))
            for uri, source in MERMAID_FILES.items():
                if files.get_file_from_path(uri) is None:
                    files.append(File.generated(config, uri, abs_src_path=str(source)))
        assert self.references is not None
        text = self._catalogue_json.text(  # what catalogue_records gives, kept per SOP (splice.py)
            self.catalogue, self.references, url=lambda path: self._files_by_path[path].url
        )
        files.append(File.generated(config, KATALOG_JSON_URI, content=text))
        config.nav = self._navigation(files, config)
        return files

    def _add(self, files: Files, config: MkDocsConfig, uri: str, path: str) -> File:
        if files.get_file_from_path(uri) is not None:
            raise PluginError(f"sopbook: generated page {uri} clashes with a file in docs_dir")
        file = File.generated(config, uri, content="")
        files.append(file)
        self._files_by_path[path] = file
        return file

    def _navigation(self, files: Files, config: MkDocsConfig) -> list[Any]:
        """The site navigation: hand-written pages, then the organisation tree."""
        assert self.catalogue is not None
        if config.nav is not None:
            nav = [item for item in config.nav if not _is_generated(item)]
        else:
            generated = self._generated_uris()
            pages = [
                f.src_uri
                for f in files.documentation_pages()
                if f.src_uri not in generated
            ]
            pages.sort(key=lambda uri: (uri != "index.md", uri.count("/"), uri))
            nav = list(pages)
        nav.append({KATALOG_TITLE: KATALOG_URI})
        if self.config.pagefind:
            nav.append({CARI_TITLE: CARI_URI})
        nav.extend(self._section(node) for node in self.catalogue.root.sorted_children())
        return nav

    def _section(self, node: OrgNode) -> dict[str, list[Any]]:
        children: list[Any] = [f"{node.path}index.md"]
        children.extend(self._section(child) for child in node.sorted_children())
        children.extend(nav_page(e.label, e.path.rstrip("/") + ".md") for e in node.entries)
        return nav_section(node.name, children)

    def _generated_uris(self) -> set[str]:
        """Pages whose body sopbook renders: SOPs, units, the catalogue and "Cari SOP"."""
        return set(self._entries) | set(self._units) | {KATALOG_URI, CARI_URI}

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        generated = self._generated_uris()
        for page in nav.pages:
            if page.file.src_uri in generated:
                page.__class__ = GeneratedPage
        self._nav = nav
        self._sidebars.index(nav, self._entries, self._units)
        self._preview.mark(
            nav, files, config, options=self.config, entries=self._entries, units=self._units,
            always=(KATALOG_URI, CARI_URI), sha1=self._loader.sha1, references=self.references,
            salt=repr(self._guard.problems) + self._logos.digest,  # the problem banner while serving; logos
        )
        self._pages.plan(self._preview.digests, files)
        self._ahead.plan(
            [*self._entries, *self._units], config,  # rendered, or from the page cache: written
            option=self.config.processes, serving=self._serving, dirty=self._preview.enabled,
        )
        gc.freeze()  # files, pages and navigation too
        return nav

    def _sidebar(self, context: Any, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        """SOP and unit pages get a sidebar of their own (sidebar.py)."""
        if self._ahead.done(page.file.src_uri):
            return context
        return self._sidebars.context(context, page)

    def _env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        env.bytecode_cache = self._compiled  # serve rebuilds reuse compiled theme templates
        env.auto_reload = False  # MkDocs makes a new environment for every build: no stat per page
        self._pages.add_template(env)
        self._sidebars.add_templates(env)
        self._build = [files, env]
        return env

    @event_priority(-100)  # after every plugin's on_env: the pages need the final environment
    def _render_ahead(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        self._ahead.run(
            [f.page for f in files.documentation_pages() if f.page is not None],
            body=lambda page: "" if self._pages.hit(page.file.src_uri) else self._body(page, config),
            stored=self._pages.record, adopt=self._pages.adopt, flush=self._pages.flush,
            cached_entries=self._pages.hit_entries, config=config, files=files, nav=self._nav, env=env,
        )
        return env

    on_env = CombinedEvent(_env, _render_ahead)

    # Pages ------------------------------------------------------------------------------

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        uri = page.file.src_uri
        if uri in self._entries:
            sop = self._entries[uri].sop
            page.meta["title"] = html_text(sop.title)  # MkDocs and Material take titles as HTML
            if sop.number:
                # Material's search boosts tags (1e6): typing the number finds the page first
                page.meta.setdefault("tags", [html_text(sop.number)])
            # the official layout needs the width: no table-of-contents column
            page.meta.setdefault("hide", ["toc"])
        elif uri in self._units:
            page.meta["title"] = html_text(self._units[uri].name)
        elif uri == KATALOG_URI:
            page.meta["title"] = KATALOG_TITLE
        elif uri == CARI_URI:
            page.meta["title"] = CARI_TITLE
            page.meta["search"] = {"exclude": True}
        self._pages.prepare(page)
        return markdown

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        uri = page.file.src_uri
        if uri not in self._entries and uri not in self._units and uri not in (KATALOG_URI, CARI_URI):
            return html
        if self._pages.hit(uri):  # the whole page is stored (pagecache.py)
            page.present_anchor_ids = self._pages.anchors(uri)
            return ""
        if self._ahead.deferred(uri):  # rendered with the whole page, on every CPU (ahead.py)
            return ""
        return self._body(page, config)

    def _body(self, page: Page, config: MkDocsConfig) -> str:
        """sopbook's body of a generated page; sets the anchors others may link to."""
        try:
            html = self._render_body(page, config)
        except TemplateError as error:  # e.g. a site's override template: its file and line
            raise PluginError(template_problem(error, page.file.src_uri)) from None
        # anchors others may link to (MkDocs validates links into generated pages too)
        page.present_anchor_ids = set(_ID.findall(html))
        return html

    def _render_body(self, page: Page, config: MkDocsConfig) -> str:
        uri = page.file.src_uri
        entry = self._entries.get(uri)
        node = self._units.get(uri)
        assert self.renderer is not None and self.catalogue is not None and self.references is not None

        def url(path: str) -> str:
            return get_relative_url(self._files_by_path[path].url, page.url)

        if entry is not None:
            html = self.renderer.sop_page(
                entry,
                url=url,
                links=self.references.links_of(entry),
                cited_by=self.references.citing(entry),
                swimlane=self._swimlane(entry),
                last_changed=self._changed.get(entry.loaded.path.resolve()),
                print_footer=printing.footer(entry, config, page.url),
                logo=printing.page_logo(self._logos, entry, page.url),
            )
        elif node is not None:
            html = self.renderer.unit_page(node, url=url)
        elif uri == CARI_URI:
            html = self.renderer.render("pagefind.html", bundle=get_relative_url("pagefind/", page.url))
        else:
            html = self.renderer.catalogue_page(
                self.catalogue,
                self.references,
                url=url,
                data_url=get_relative_url(KATALOG_JSON_URI, page.url),
                site_root=get_relative_url("./", page.url),
            )
        return html

    # Swimlanes --------------------------------------------------------------------------

    def _swimlane(self, entry: Entry) -> dict[str, str] | None:
        mode = self.config.swimlane
        if mode == "off":
            return None
        return {
            "mode": mode,
            "source": swimlane_source(entry.sop, engine=self.config.swimlane_engine),
            "renderer": "mermaid2" if self._mermaid2 is not None else "material",
        }

    @event_priority(50)  # before Material's search plugin writes its index
    def _preview_search(self, config: MkDocsConfig) -> None:
        self._preview.before_search_index(config)
        self._pages.fix_search(config, elsewhere=self._ahead.done)
        self._ahead.fix_search(config)

    def _post_build(self, config: MkDocsConfig) -> None:
        gc.unfreeze()  # `mkdocs serve` builds again: the old build's objects may go
        self._ahead.finish()
        self._loader.wait()
        self._site.wait()
        self._preview.finish(config)
        self._pages.save()
        if self._serving and self._nav is not None and len(self._build) == 2:
            self._preview.last = (config, self._build[0], self._nav, self._build[1])
        if self.config.pagefind:
            run_pagefind(Path(config.site_dir))

    on_post_build = CombinedEvent(_preview_search, _post_build)

    def _guard_banner(self, output: str, page: Page, config: MkDocsConfig) -> str:
        return name_search_dialog(self._guard.banner(output, self.renderer))  # banner: problems, while serving only

    def on_build_error(self, error: Exception) -> None:
        gc.unfreeze()
        self._ahead.finish()
        self._loader.wait()
        self._site.wait()
        self._preview.forget()
        self._pages.forget()

    def on_shutdown(self) -> None:
        self._loader.save()

    # Search: the index sees each SOP's text, not its layout --------------------------------

    @event_priority(100)  # before the search plugin indexes page.content
    def _search_view(self, context: Any, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        if self._ahead.before_index(page, config) or self._pages.before_index(page, config):
            return context
        entry = self._entries.get(page.file.src_uri)
        if entry is not None and self.references is not None and self.renderer is not None:
            self._page_html[page.file.src_uri] = page.content or ""
            page.content = self.renderer.search_text(entry, cited_by=self.references.citing(entry))
        return context

    @event_priority(-100)  # after every other plugin: the page is rendered with its real body
    def _page_view(self, context: Any, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        html = self._page_html.pop(page.file.src_uri, None)
        html = self._pages.stored_html(page.file.src_uri) or html
        if html is not None:
            page.content = html
            context["page"] = page
        return context

    on_page_context = CombinedEvent(_search_view, _sidebar, _page_view)

    @event_priority(100)  # the theme's output, before other plugins change it
    def _store_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        self._pages.store(output, page, config)
        return output

    @event_priority(-100)  # after every other plugin
    def _skip_done(self, output: str, page: Page, config: MkDocsConfig) -> str:
        return self._ahead.skip_output(output, page)  # written when rendered ahead

    on_post_page = CombinedEvent(_store_page, _guard_banner, _skip_done)


class GeneratedPage(Page):
    """A page whose body sopbook renders from data: MkDocs' Markdown step is skipped (there
    is no Markdown to convert), and `on_page_content` supplies the HTML."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""
        self.toc = get_toc([])
        self._title_from_render = None
        self.present_anchor_ids = set()
        self.links_to_anchors = {}


_ID = re.compile(r'\sid="([^"]+)"')


def _is_generated(item: Any) -> bool:
    """True for nav entries a previous build of this plugin added (serve rebuilds)."""
    if isinstance(item, dict):
        return any(_is_generated(v) for v in item.values())
    if isinstance(item, list):
        return any(_is_generated(v) for v in item)
    return isinstance(item, str) and (item.startswith(f"{SOP_ROOT}/") or item in (KATALOG_URI, CARI_URI))
