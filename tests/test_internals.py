"""Each private name of MkDocs, Material and mkdocs-mermaid2-plugin that sopbook uses (all of
them in sopbook/plugin/internals.py) still exists and still means what sopbook relies on.

When an upgrade changes one, the test names it: fix `internals.py` for the new version (or
keep the version range in pyproject.toml), never the test."""

from __future__ import annotations

import ast
import inspect
import logging
import re
from pathlib import Path

import pytest

import sopbook
from sopbook.plugin import internals

SOPBOOK = Path(sopbook.__path__[0])
PRIVATE_OWNERS = ("mkdocs", "material", "mermaid2", "pypdf")


def _source(module) -> str:
    return inspect.getsource(module)


def _file(folder: Path):
    from mkdocs.structure.files import File

    (folder / "a.md").write_text("# A\n", encoding="utf-8")
    return File("a.md", src_dir=str(folder), dest_dir=str(folder / "site"), use_directory_urls=True)


def test_mkdocs_build_loop_still_has_populate_page_and_build_page():
    from mkdocs.commands import build

    for name, parameters in (
        ("_populate_page", ["page", "config", "files"]),
        ("_build_page", ["page", "config", "doc_files", "nav", "env"]),
    ):
        function = getattr(build, name, None)
        assert function is not None, f"mkdocs.commands.build.{name} is gone: see sopbook/plugin/internals.py"
        got = list(inspect.signature(function).parameters)[: len(parameters)]
        assert got == parameters, f"mkdocs.commands.build.{name} now takes {got}, internals.py passes {parameters}"


def test_mkdocs_still_logs_skipped_pages_with_the_text_the_filter_hides():
    from mkdocs.commands import build

    assert internals.BUILD_LOGGER == build.log.name, "MkDocs' build logger was renamed"
    assert "Page skipped: '{page.file.src_uri}'" in _source(build), (
        "MkDocs' 'Page skipped' log line changed: SkippedPages in internals.py no longer hides it"
    )
    record = logging.LogRecord(internals.BUILD_LOGGER, logging.INFO, "", 0,
                               "Page skipped: 'sop/a.md'. Generated empty output.", None, None)
    assert not internals.SkippedPages({"sop/a.md"}).filter(record)
    assert internals.SkippedPages({"sop/b.md"}).filter(record)


def test_mkdocs_page_still_keeps_the_rendered_title_in_title_from_render(tmp_path):
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "docs_dir": str(tmp_path)})
    config.validate()
    page = Page(None, _file(tmp_path), config)
    assert "_title_from_render" in vars(page), "Page._title_from_render is gone: see forget_rendered_title"
    assert "_title_from_render" in _source(Page), "Page no longer reads _title_from_render for its title"


def test_mkdocs_dirty_builds_still_ask_each_file_is_modified(tmp_path):
    from mkdocs.commands import build

    assert "page.file.is_modified()" in _source(build), "MkDocs' dirty mode no longer asks File.is_modified()"
    file = _file(tmp_path)
    internals.set_modified(file, False)
    assert file.is_modified() is False
    internals.set_modified(file, True)
    assert file.is_modified() is True


def test_livereload_server_still_has_the_rebuild_flag_its_handlers_raise(tmp_path):
    from mkdocs.livereload import LiveReloadServer

    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        assert internals.can_request_rebuild(server), "LiveReloadServer lost _rebuild_cond/_want_rebuild"
        internals.request_rebuild(server)
        assert server._want_rebuild is True
    finally:
        server.server_close()
    assert "self._want_rebuild = True" in _source(LiveReloadServer), (
        "LiveReloadServer no longer raises _want_rebuild from its file handler: see request_rebuild"
    )


@pytest.mark.parametrize("plugin_path", ["material.plugins.search.plugin", "mkdocs.contrib.search"])
def test_search_plugins_still_keep_their_index_as_internals_reads_it(plugin_path, tmp_path):
    import importlib

    from mkdocs.config.defaults import MkDocsConfig

    module = importlib.import_module(plugin_path)
    plugin = module.SearchPlugin()
    errors, warnings = plugin.load_config({})
    assert not errors, errors
    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "docs_dir": str(tmp_path), "theme": {"name": "material"}})
    config.validate()
    config.plugins["search"] = plugin
    plugin.on_config(config)
    plugin.on_pre_build(config) if hasattr(plugin, "on_pre_build") else None
    index = internals.SearchIndex.of(config)
    if plugin_path.startswith("mkdocs"):  # MkDocs' own search keeps its entries private: left alone
        assert index is None or isinstance(index.entries, list), "MkDocs' search index changed its entries"
        return
    assert index is not None, f"{plugin_path}: search_index with entries is gone"
    assert isinstance(index.entries, list), f"{plugin_path}: search_index.entries is no longer a list"
    assert "lang" in index.options and "separator" in index.options, f"{plugin_path}: search_index.config changed"
    if plugin_path.startswith("material"):
        assert hasattr(plugin, "search_index_prev") and hasattr(plugin, "is_dirty"), (
            "Material's search plugin lost search_index_prev/is_dirty (dirty builds)"
        )
        index.start_round()
        assert index.previous_entries == [] and index.entries == []
        assert hasattr(plugin.search_index, "generate_search_index")


def test_material_nav_item_macro_still_takes_the_arguments_sidebar_passes():
    import material

    templates = Path(material.__file__).parent / "templates"
    assert (templates / internals.MATERIAL_NAV).is_file(), f"Material has no {internals.MATERIAL_NAV}"
    item = (templates / "partials" / "nav-item.html").read_text(encoding="utf-8")
    assert re.search(r"{%\s*macro render\(nav_item, path, level, parent\)\s*%}", item), (
        "Material's nav-item.html macro `render(nav_item, path, level, parent)` changed: "
        "see MATERIAL_NAV_ITEM_CALL in internals.py"
    )


def test_mermaid2_still_caches_its_javascript_option_in_underscore_javascript():
    from mermaid2.plugin import MarkdownMermaidPlugin

    source = _source(MarkdownMermaidPlugin)
    assert "self._javascript" in source and "hasattr(self, '_javascript')" in source, (
        "mkdocs-mermaid2-plugin no longer caches `javascript` in _javascript: see use_mermaid2_javascript"
    )
    plugin = MarkdownMermaidPlugin()
    internals.use_mermaid2_javascript(plugin, "assets/sopbook/mermaid/mermaid.min.js")
    assert plugin.javascript == "assets/sopbook/mermaid/mermaid.min.js"


def _private_uses(path: Path) -> list[str]:
    """`module._name` attribute uses in `path` where module is one of another library's."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    foreign: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in PRIVATE_OWNERS:
            foreign.update(alias.asname or alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in PRIVATE_OWNERS:
                    foreign.add(alias.asname or alias.name.split(".")[0])
    uses = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
            if isinstance(node.value, ast.Name) and node.value.id in foreign:
                uses.append(f"{path.relative_to(SOPBOOK.parent)}:{node.lineno}: {node.value.id}.{node.attr}")
    return uses


KNOWN_PRIVATE = re.compile(
    r"\.(_populate_page|_build_page|_title_from_render|_rebuild_cond|_want_rebuild|_javascript|_add_object)\b"
    r"|search_index_prev|\bis_dirty\b|\.search_index\b|is_modified\s*="
)


def test_pypdf_writer_still_adds_an_object_with_add_object():
    """printing/booklet.py stamps booklet page numbers with new content streams, which must be
    objects of the writer; pypdf has no public way to add one. It is the one private name outside
    plugin/internals.py: the printing room may not import the MkDocs adapter."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, IndirectObject

    writer = PdfWriter()
    assert hasattr(writer, "_add_object"), "pypdf's PdfWriter._add_object is gone: see printing/booklet.py"
    stream = DecodedStreamObject()
    stream.set_data(b"q\nQ\n")
    reference = writer._add_object(stream)
    assert isinstance(reference, IndirectObject) and reference.get_object() is stream


PYPDF_EXCEPTION = SOPBOOK / "printing" / "booklet.py"
"""The module that may use pypdf's `_add_object` (see the test above)."""


def test_no_module_but_internals_uses_a_private_name_of_another_library():
    found = []
    for path in sorted(SOPBOOK.rglob("*.py")):
        if path == Path(internals.__file__):
            continue
        found += [use for use in _private_uses(path) if not (path == PYPDF_EXCEPTION and use.endswith("._add_object"))]
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if path == PYPDF_EXCEPTION and "._add_object(" in code:
                continue
            if KNOWN_PRIVATE.search(code) and not code.lstrip().startswith(('"', "'")):
                found.append(f"{path.relative_to(SOPBOOK.parent)}:{number}: {line.strip()}")
    assert not found, "private names of other libraries outside plugin/internals.py:\n" + "\n".join(found)

