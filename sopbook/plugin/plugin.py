"""MkDocs plugin: every SOP YAML file becomes a page; units get catalogue pages.

The adapter only moves data between MkDocs and the core (loading, catalogue, render). Each
event below hands its work to a module of its own, in the order MkDocs calls them:

- `on_config`: options, assets (`assets.py`), search words (`search.py`), mermaid2 (`mermaid.py`);
- `on_pre_build`: load and validate every SOP before MkDocs touches `site_dir` (`serving.py`
  keeps `mkdocs serve` going past broken files), the catalogue and references (`state.py`);
- `on_files` / `on_nav`: the generated pages (`pages.py`), the navigation (`nav.py`), sidebars
  (`sidebar.py`);
- `on_page_markdown` / `on_page_content` / `on_page_context` / `on_post_page`: titles, bodies,
  the search view of a page;
- `on_post_build`: Pagefind (`pagefind.py`), then the `.gz`/`.br` copies (`compress.py`).

Everything in `fast/` only makes this quicker (ahead rendering on every CPU, the page cache,
dirty rebuilds and quick updates while serving); the site is the same without it.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..messages import say
from ..portal.git import last_changed
from ..portal.references import References
from ..portal.splice import CatalogueJson
from ..render import Renderer
from ..sop.cache import LoadCache
from . import monitoring, printing
from .a11y import name_search_dialog
from .assets import MERMAID_URI, add_asset_files, link_assets
from .compress import after_build as precompress_site
from .config import SopbookConfig
from .fast.ahead import AheadRenderer, process_count
from .fast.pagecache import PageCache
from .fast.preview import LastBuild, MemoryBytecodeCache, Preview
from .fast.quick import QuickBuilder, QuickServices
from .fast.sitedir import SiteClearer
from .log import log
from .mermaid import configure_mermaid2
from .nav import navigation
from .pagefind import run_pagefind
from .pages import Bodies, add_pages, set_meta
from .search import use_word_separator
from .serving import ServeGuard
from .sidebar import Sidebars
from .state import CARI_URI, KATALOG_JSON_URI, KATALOG_URI, MONITORING_URI, PortalPages

REQUIRED_FEATURES = ("navigation.prune", "navigation.indexes")


class SopbookPlugin(BasePlugin[SopbookConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self._portal: PortalPages | None = None  # this build's SOPs and their pages (state.py)
        self._bodies: Bodies | None = None
        self._page_html: dict[str, str] = {}  # page bodies set aside while search indexes
        self._nav: Navigation | None = None
        self._sidebars = Sidebars()
        self._loader = LoadCache()  # kept across `mkdocs serve` rebuilds (on_startup below)
        self._preview = Preview()
        self._compiled = MemoryBytecodeCache()
        self._build: tuple[Files, Any] | None = None  # this build's files and template environment
        self._pages = PageCache()  # whole pages between `mkdocs build` runs
        self._ahead = AheadRenderer()  # pages rendered on every CPU during `mkdocs build`
        self._serving = False
        self._guard = ServeGuard()  # `mkdocs serve` keeps going past broken SOP files
        self._site = SiteClearer()  # the previous site deleted beside the build
        self._catalogue_json = CatalogueJson()  # catalogue.json, kept per SOP across serve rebuilds

    @property
    def portal(self) -> PortalPages:
        """This build's SOPs and pages; there is none before `on_pre_build`."""
        if self._portal is None:
            raise RuntimeError("sopbook: the SOPs are loaded in on_pre_build; no build has started")
        return self._portal

    def adopt(self, portal: PortalPages) -> None:
        """Take the state a quick update made from the last build's (fast/quick.py)."""
        self._portal = portal

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
            features.extend(feature for feature in REQUIRED_FEATURES if feature not in features)
        mermaid2 = config.plugins.get("mermaid2")
        link_assets(config, self.config, mermaid2=mermaid2 is not None)
        if mermaid2 is not None:
            configure_mermaid2(mermaid2, MERMAID_URI)
        use_word_separator(config.plugins)  # "[Domisili]" finds "Domisili"
        renderer = Renderer(
            self._overrides(config), flowchart=self.config.flowchart, paper=self.config.paper,
            schedule=monitoring.schedule(self.config.review_interval),  # build date, review interval
            print_min_size=self.config.print_min_size,
        )
        self._catalogue_json.schedule = renderer.schedule
        renderer.env.bytecode_cache = self._compiled
        self._bodies = Bodies(renderer, self.config, mermaid2=mermaid2 is not None)
        folder = _base(config) / self.config.cache_dir if self.config.cache else None
        if self._loader.folder != folder:
            self._loader = LoadCache(folder, processes=process_count(self.config.processes))
        pages = folder if folder is not None and not self._serving else None
        self._preview.digests_wanted = self._pages.configure(pages, config)
        return config

    def _overrides(self, config: MkDocsConfig) -> list[str]:
        if self.config.templates_dir:
            return [self.config.templates_dir]
        if config.theme.custom_dir:
            return [str(Path(config.theme.custom_dir) / "sopbook")]
        return []

    def on_pre_build(self, config: MkDocsConfig) -> None:
        """Load and validate every SOP before MkDocs cleans or writes `site_dir`."""
        result = self._loader.load_paths([self.config.content_dir], base=_base(config))
        gc.freeze()  # the loaded SOPs stay: the collector need not walk them while the catalogue grows
        if not self._serving or len(self._loader.loaded) > 1:  # serve: on_shutdown saves edits
            self._loader.save(background=not self._serving)
        sops = self._guard.sops_to_build(result, strict=config.strict)
        catalogue = self._guard.catalogue(sops, strict=config.strict)  # two pages on one address
        references = References(catalogue)
        self._portal = PortalPages(catalogue, references, last_changed(self.config.content_dir))  # one `git log`
        missing = [ref for item in references.missing for ref in item.references]
        if missing and self.config.strict_references:
            problems = [ref.source.loaded.problem(ref.path, say("ref.missing", text=ref.text)) for ref in missing]
            self._guard.refuse(problems, "build.missing_refs", strict=config.strict)
        self._portal.logos = printing.load_logos(config, self.config.content_dir)
        if self._portal.logos.problems:
            self._guard.refuse(self._portal.logos.problems, "build.logos", strict=config.strict)
        log.info(say("build.loaded", count=len(catalogue), folder=self.config.content_dir))
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
            services = QuickServices(
                options=self.config, preview=self._preview, guard=self._guard, loader=self._loader,
                catalogue_json=self._catalogue_json, portal=lambda: self.portal, adopt=self.adopt,
                written_beside=lambda files, portal: monitoring.rewrite_forms(
                    files, portal.catalogue, self._renderer(), self.config.paper
                ),
            )
            server.builder = QuickBuilder(services, server.builder, server)
        return server

    # Files and navigation ---------------------------------------------------------------

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        portal = self.portal
        add_pages(files, config, portal, pagefind=self.config.pagefind)
        add_asset_files(files, config, self.config)
        monitoring.add_forms(files, config, portal.catalogue, self._renderer(), self.config.paper)
        for file in printing.logo_files(config, portal.logos):
            files.append(file)
        text = self._catalogue_json.text(portal.catalogue, portal.references, url=portal.url)  # splice.py
        files.append(File.generated(config, KATALOG_JSON_URI, content=text))
        config.nav = navigation(files, config, portal, pagefind=self.config.pagefind)
        return files

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        portal = self.portal
        self._nav = nav
        self._sidebars.index(nav, portal.entries, portal.units)
        self._preview.mark(
            nav, files, config, options=self.config, entries=portal.entries, units=portal.units,
            always=(KATALOG_URI, CARI_URI, MONITORING_URI), sha1=self._loader.sha1, references=portal.references,
            salt=repr(self._guard.problems) + portal.logos.digest,  # the problem banner while serving; logos
        )
        self._pages.plan(self._preview.digests, files)
        self._ahead.plan(
            [*portal.entries, *portal.units], config,  # rendered, or from the page cache: written
            option=self.config.processes, serving=self._serving, dirty=self._preview.enabled,
        )
        gc.freeze()  # files, pages and navigation too
        return nav

    def _env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        env.bytecode_cache = self._compiled  # serve rebuilds reuse compiled theme templates
        env.auto_reload = False  # MkDocs makes a new environment for every build: no stat per page
        self._pages.add_template(env)
        self._sidebars.add_templates(env)
        self._build = (files, env)
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
        set_meta(page, self.portal)
        self._pages.prepare(page)
        return markdown

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        uri = page.file.src_uri
        if not self.portal.is_generated(uri):
            return html
        if self._pages.hit(uri):  # the whole page is stored (pagecache.py)
            page.present_anchor_ids = self._pages.anchors(uri)
            return ""
        if self._ahead.deferred(uri):  # rendered with the whole page, on every CPU (ahead.py)
            return ""
        return self._body(page, config)

    def _renderer(self) -> Renderer:
        if self._bodies is None:
            raise RuntimeError("sopbook: pages are rendered after on_config")
        return self._bodies.renderer

    def _body(self, page: Page, config: MkDocsConfig) -> str:
        if self._bodies is None:
            raise RuntimeError("sopbook: pages are rendered after on_config")
        return self._bodies.body(page, config, self.portal)

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
        if self._serving and self._nav is not None and self._build is not None:
            self._preview.last = LastBuild(config, self._build[0], self._nav, self._build[1])
        if self.config.pagefind:
            run_pagefind(Path(config.site_dir))

    @event_priority(-100)  # after every plugin has written its files (search index, Pagefind)
    def _precompress(self, config: MkDocsConfig) -> None:
        precompress_site(config.site_dir, enabled=self.config.precompress, serving=self._serving)

    on_post_build = CombinedEvent(_preview_search, _post_build, _precompress)

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
        entry = self.portal.entries.get(page.file.src_uri)
        if entry is not None and self._bodies is not None:
            self._page_html[page.file.src_uri] = page.content or ""
            page.content = self._bodies.search_text(entry, self.portal)
        return context

    def _sidebar(self, context: Any, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        """SOP and unit pages get a sidebar of their own (sidebar.py)."""
        if self._ahead.done(page.file.src_uri):
            return context
        return self._sidebars.context(context, page)

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

    def _guard_banner(self, output: str, page: Page, config: MkDocsConfig) -> str:
        # the problems banner while serving; Material's search dialog gets an accessible name
        renderer = self._bodies.renderer if self._bodies is not None else None
        return name_search_dialog(self._guard.banner(output, renderer))

    @event_priority(-100)  # after every other plugin
    def _skip_done(self, output: str, page: Page, config: MkDocsConfig) -> str:
        return self._ahead.skip_output(output, page)  # written when rendered ahead

    on_post_page = CombinedEvent(_store_page, _guard_banner, _skip_done)


def _base(config: MkDocsConfig) -> Path:
    """The folder of mkdocs.yml, which relative options are read from."""
    return Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
