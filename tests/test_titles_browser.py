"""The hostile SOP of issue 11 in headless Chromium: the SOP page, its unit page and the
catalogue, Material's search box and the catalogue filter, and (with `pagefind: true`) the
"Cari SOP" page. No JavaScript dialog opens (CDP `Page.javascriptDialogOpening`) and no
element or attribute from the data exists in the live DOM, shadow roots included."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from browser import ARTIFACTS, SiteServer
from conftest import mkdocs_build
from hostile import FIXED, normal, write_portal

TITLE = FIXED["a.yml"]["nama"]

RESULTS = """[...document.querySelectorAll('.md-search-result__item > a')].map(a => ({
  url: new URL(a.href).pathname,
  title: (a.querySelector('h1, h2') || a).textContent}))"""

PAGEFIND_RESULTS = """(() => {
  const items = document.querySelectorAll('.pagefind-ui__result');
  const links = [...document.querySelectorAll(
    '.pagefind-ui__result-inner > .pagefind-ui__result-title > .pagefind-ui__result-link')];
  // results fill in one by one as their fragments load: nothing until every one has its link
  return items.length === links.length ? links.map(a => ({url: new URL(a.href).pathname, title: a.textContent})) : [];
})()"""


def injected_nodes(tab) -> list[str]:
    """Elements and attributes from the data anywhere in the live DOM: CDP's document with
    `pierce` reaches closed shadow roots (Material renders Mermaid diagrams in one) and
    frames."""
    root = tab.send("DOM.getDocument", depth=-1, pierce=True)["root"]
    found: list[str] = []

    def walk(node: dict, parent: str) -> None:
        name = node.get("nodeName", "").lower()
        attributes = node.get("attributes", [])
        pairs = dict(zip(attributes[::2], attributes[1::2]))
        if name.startswith("sopbook") or (name == "img" and pairs.get("src") == "x"):
            found.append(f"<{name}>")
        for attribute, value in pairs.items():
            if attribute.lower() in ("onerror", "onload") or attribute.lower().startswith("sopbook"):
                found.append(f"{name}[{attribute}]")
            if attribute.lower() in ("href", "src") and value.strip().lower().startswith("javascript:"):
                found.append(f"{name}[{attribute}={value}]")
        if node.get("nodeType") == 3 and parent == "script" and "alert(" in node.get("nodeValue", ""):
            found.append("<script>alert(…)")
        for key in ("children", "shadowRoots", "pseudoElements"):
            for child in node.get(key, []):
                walk(child, name)
        for key in ("contentDocument", "templateContent"):
            if key in node:
                walk(node[key], name)

    walk(root, "")
    return found


def shadow_text(tab) -> str:
    """The text inside every shadow root of the page (open or closed)."""
    root = tab.send("DOM.getDocument", depth=-1, pierce=True)["root"]
    parts: list[str] = []

    def walk(node: dict, shadow: bool) -> None:
        if shadow and node.get("nodeType") == 3:
            parts.append(node.get("nodeValue", ""))
        for child in node.get("children", []):
            walk(child, shadow)
        for child in node.get("shadowRoots", []):
            walk(child, True)

    walk(root, False)
    return " ".join(parts)


def dialogs(tab) -> list[dict]:
    return [e for e in tab.events if e.get("method") == "Page.javascriptDialogOpening"]


def type_into(tab, selector: str, text: str) -> None:
    tab.eval(
        """(() => { const i = document.querySelector(%s); i.focus(); i.value = %s;
        i.dispatchEvent(new Event('input', {bubbles: true}));
        i.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true})); })()"""
        % (json.dumps(selector), json.dumps(text))
    )


def settled(tab, expression: str, timeout: float = 20) -> list:
    """The value of `expression` once it is non-empty and stops changing."""
    previous = None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        time.sleep(0.3)
        current = tab.eval(expression)
        if current and current == previous:
            return current
        previous = current
    return previous or []


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory, mkdocs) -> Path:
    root = tmp_path_factory.mktemp("hostile") / "project"
    write_portal(root, FIXED, options=":\n      pagefind: true")
    done = mkdocs_build(root)
    assert done.returncode == 0, done.stderr[-3000:]
    return root / "site"


@pytest.fixture(scope="module")
def served(hostile_site):
    server = SiteServer(hostile_site)
    yield server
    server.close()


def sop_url(site: Path, title: str) -> str:
    records = json.loads((site / "katalog" / "catalogue.json").read_text())["sop"]
    return next(r["url"] for r in records if r["nama"] == title)


def test_pages_and_material_search_run_no_data(hostile_site, served, browser):
    url = sop_url(hostile_site, TITLE)
    tab = browser.new_page()
    try:
        for path in (url, url.rsplit("/", 2)[0] + "/", "katalog/"):
            tab.goto(served.url + path)
            if path == url:  # the swimlane is drawn (Mermaid labels come from the data)
                tab.eval("window.sopbookDrawSwimlanes()")  # as when the reader scrolls to it
                tab.wait_until("document.querySelector('.mermaid') && !document.querySelector('pre.mermaid')")
                tab.wait_until("!!document.querySelector('div.mermaid')")
                time.sleep(1)
                assert "Lurah <sopbook-x>" in shadow_text(tab)  # the lane label, as text
            type_into(tab, "input.md-search__input", TITLE)
            results = settled(tab, RESULTS)
            titles = [r["title"] for r in results if r["url"] == "/" + url]
            assert titles and normal(TITLE) in normal(titles[0]), json.dumps(results)  # literally
            assert normal(tab.eval("document.title")) == normal(TITLE + " - Uji") or path != url
            assert injected_nodes(tab) == [], path
            assert dialogs(tab) == [], path
        tab.screenshot(ARTIFACTS / "hostile-search.png")
    finally:
        tab.close()


def test_catalogue_filter_runs_no_data(hostile_site, served, browser):
    tab = browser.new_page()
    try:
        tab.goto(served.url + "katalog/")
        tab.wait_until("document.querySelectorAll('#sop-katalog tbody tr').length > 0")
        type_into(tab, "#sop-filter-text", TITLE)
        shown = tab.eval(
            "[...document.querySelectorAll('#sop-katalog tbody tr')].filter(r => !r.hidden)"
            ".map(r => r.querySelector('.sop-list-nama a').textContent)"
        )
        assert [normal(t) for t in shown] == [normal(TITLE)]
        units = tab.eval("[...document.querySelectorAll('#sop-filter-org option')].map(o => o.textContent.trim())")
        assert "BIDANG <i>PELAYANAN</i> <sopbook-x>" in units
        assert injected_nodes(tab) == []
        assert dialogs(tab) == []
        tab.screenshot(ARTIFACTS / "hostile-katalog.png")
    finally:
        tab.close()


def test_pagefind_page_runs_no_data(hostile_site, served, browser):
    url = sop_url(hostile_site, TITLE)
    tab = browser.new_page()
    try:
        tab.goto(served.url + "cari/")
        tab.wait_until("!!document.querySelector('.pagefind-ui__search-input')")
        type_into(tab, ".pagefind-ui__search-input", TITLE)
        results = settled(tab, PAGEFIND_RESULTS)
        assert results and results[0]["url"] == "/" + url, results
        assert normal(TITLE) in normal(results[0]["title"])
        excerpts = tab.eval("[...document.querySelectorAll('.pagefind-ui__result-excerpt')].map(e => e.textContent)")
        assert excerpts
        assert injected_nodes(tab) == []
        assert dialogs(tab) == []
        tab.screenshot(ARTIFACTS / "hostile-pagefind.png")
    finally:
        tab.close()


def test_collapsed_swimlane_runs_no_data(tmp_path, browser, mkdocs):
    """`swimlane: collapsed` draws the diagram on opening, from Mermaid's SVG output."""
    root = tmp_path / "project"
    write_portal(root, FIXED, options=":\n      swimlane: collapsed")
    done = mkdocs_build(root)
    assert done.returncode == 0, done.stderr[-3000:]
    server = SiteServer(root / "site")
    tab = browser.new_page()
    try:
        tab.goto(server.url + sop_url(root / "site", TITLE))
        tab.eval("document.querySelector('details.sop-swimlane summary').click()")
        tab.wait_until("!!document.querySelector('.sop-mermaid-rendered svg')")
        labels = tab.eval("document.querySelector('.sop-mermaid-rendered svg').textContent")
        assert "Lurah <sopbook-x>" in labels  # the lane label, as text
        assert injected_nodes(tab) == []
        assert dialogs(tab) == []
    finally:
        tab.close()
        server.close()
