"""The fixture portal (tests/portal: the seeds), built once: search and the catalogue filter.

Checks that hold for any portal (links, references) run over the live content/ in test_content.py.
"""

from __future__ import annotations

import html
import json
import re
import time

import pytest

from browser import ARTIFACTS, SiteServer


def test_search_index_carries_each_number_as_a_boosted_tag(portal_site):
    index = json.loads((portal_site / "search" / "search_index.json").read_text())
    catalogue = json.loads((portal_site / "katalog" / "catalogue.json").read_text())
    by_location = {doc["location"]: doc for doc in index["docs"]}
    separator = re.compile(index["config"]["separator"])
    assert index["config"]["fields"]["tags"]["boost"] > index["config"]["fields"]["title"]["boost"]
    numbered = [s for s in catalogue["sop"] if s["nomor"]]
    assert len(numbered) >= 4
    for sop in numbered:
        doc = by_location[sop["url"]]
        assert doc["tags"] == [sop["nomor"]]
        assert html.unescape(doc["title"]) == sop["nama"]  # titles are HTML to Material's search
        # the number survives tokenising as whole tokens (e.g. 28.8.1.10, or bkpsdm.1.7 + 2017)
        tokens = [t.lower() for t in separator.split(sop["nomor"]) if t]
        assert tokens and all("." in t or t.isdigit() for t in tokens)
    # no other page is tagged with a number, so the SOP page ranks first
    tagged = {doc["location"].split("#")[0] for doc in index["docs"] if doc.get("tags")}
    assert tagged == {s["url"] for s in numbered}
    # the diagram's Mermaid source is not indexed
    assert not any("#46;" in doc["text"] or "swimlane-beta" in doc["text"] for doc in index["docs"])


@pytest.fixture(scope="module")
def server(portal_site):
    srv = SiteServer(portal_site)
    yield srv
    srv.close()


RESULTS = "[...document.querySelectorAll('.md-search-result__item > a')].map(a => new URL(a.href).pathname)"


def type_query(page, query: str) -> None:
    page.eval(
        """(() => { const i = document.querySelector('input.md-search__input'); i.focus();
        i.value = %s; i.dispatchEvent(new Event('input', {bubbles: true}));
        i.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true})); })()"""
        % json.dumps(query)
    )


def search(page, query: str) -> list[str]:
    """Type into Material's search box; the result list once it has settled."""
    type_query(page, "")
    page.wait_until(f"{RESULTS}.length === 0")
    type_query(page, query)
    previous = None
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        time.sleep(0.3)
        current = page.eval(RESULTS)
        if current and current == previous:
            return current
        previous = current
    return previous or []


@pytest.mark.parametrize("query_kind", ["full", "prefix", "words"])
def test_search_box_finds_the_sop_first(server, page, portal_site, query_kind):
    catalogue = json.loads((portal_site / "katalog" / "catalogue.json").read_text())
    page.goto(server.url, width=1280, height=900)
    for sop in [s for s in catalogue["sop"] if s["nomor"]]:
        query = {
            "full": sop["nomor"],
            "prefix": ".".join(sop["nomor"].split(".")[:2]),
            "words": " ".join(sop["nama"].split()[-2:]),
        }[query_kind]
        results = search(page, query)
        expected = "/" + sop["url"]
        if query_kind == "prefix" and sum(s["nomor"].startswith(query) for s in catalogue["sop"] if s["nomor"]) > 1:
            assert expected in results[:3], (query, results)
        elif query_kind == "words":
            assert expected in results[:5], (query, results)
        else:
            assert results and results[0] == expected, (query, results)
    page.screenshot(ARTIFACTS / f"search-{query_kind}.png")
    assert page.console_errors() == []


def test_catalogue_filter_narrows_the_table_by_keyboard(server, page, portal_site):
    catalogue = json.loads((portal_site / "katalog" / "catalogue.json").read_text())
    page.goto(server.url + "katalog/", width=1280, height=900)
    page.wait_until("document.querySelectorAll('#sop-katalog tbody tr').length > 0")
    numbers = page.eval("[...document.querySelectorAll('#sop-katalog tbody tr .sop-list-nomor')].map(td => td.textContent)")
    assert numbers == [s["nomor"] or "-" for s in catalogue["sop"]]
    # keyboard only: Tab moves into the filter box, typing filters
    page.eval("document.activeElement && document.activeElement.blur()")
    for _ in range(40):
        page.send("Input.dispatchKeyEvent", type="keyDown", key="Tab", code="Tab", windowsVirtualKeyCode=9)
        page.send("Input.dispatchKeyEvent", type="keyUp", key="Tab", code="Tab", windowsVirtualKeyCode=9)
        if page.eval("document.activeElement.id") == "sop-filter-text":
            break
    assert page.eval("document.activeElement.id") == "sop-filter-text"
    page.send("Input.insertText", text="28.8")
    visible = page.eval("[...document.querySelectorAll('#sop-katalog tbody tr:not([hidden]) .sop-list-nomor')].map(td => td.textContent)")
    assert visible == ["28.8.1.10"]
    assert "1 dari" in page.eval("document.getElementById('sop-filter-count').textContent")
    page.screenshot(ARTIFACTS / "katalog-filter.png")
    page.eval("(() => { const i = document.getElementById('sop-filter-text'); i.value = 'laporan kinerja'; i.dispatchEvent(new Event('input')); })()")
    titles = page.eval("[...document.querySelectorAll('#sop-katalog tbody tr:not([hidden]) .sop-list-nama a')].map(a => a.textContent)")
    assert titles and all("laporan" in t.lower() and "kinerja" in t.lower() for t in titles)
    # the organisation filter offers every level of every SOP's organisation, as an outline
    options = page.eval("[...document.querySelectorAll('#sop-filter-org option')].map(o => [o.value, o.textContent])")
    units = {" › ".join(s["organisasi"][:depth]) for s in catalogue["sop"] for depth in range(1, len(s["organisasi"]) + 1)}
    assert options[0] == ["", "Semua organisasi"] and {value for value, _ in options[1:]} == units
    assert ["Pemerintah Kota Madiun › Kecamatan Manguharjo", "\u00a0" * 3 + "Kecamatan Manguharjo"] in options
    page.eval("""(() => { const i = document.getElementById('sop-filter-text'); i.value = '';
        const s = document.getElementById('sop-filter-org'); s.value = 'Pemerintah Kota Madiun › Kecamatan Manguharjo';
        i.dispatchEvent(new Event('input')); s.dispatchEvent(new Event('change')); })()""")
    shown = page.eval("[...document.querySelectorAll('#sop-katalog tbody tr:not([hidden]) .sop-list-unit')].map(td => td.textContent)")
    expected = [s for s in catalogue["sop"] if s["organisasi"][:2] == ["Pemerintah Kota Madiun", "Kecamatan Manguharjo"]]
    assert len(shown) == len(expected) >= 2 and all(u.startswith("Pemerintah Kota Madiun › Kecamatan Manguharjo") for u in shown)
    assert page.console_errors() == []
