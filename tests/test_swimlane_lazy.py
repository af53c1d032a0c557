"""Mermaid (5.5 MB) is fetched only when the reader asks for a swimlane: nothing of it before
the section is opened, scrolled into view on a wide screen, or tapped open on a phone."""

from __future__ import annotations

import json
import time

import pytest

from browser import SiteServer
from test_swimlane_browser import wait_for_diagram

WAITING = "!!document.querySelector('.sop-swimlane pre.mermaid')"


@pytest.fixture(scope="module")
def server(portal_site):
    srv = SiteServer(portal_site)
    yield srv
    srv.close()


def a_sop(site):
    return json.loads((site / "katalog" / "catalogue.json").read_text())["sop"][0]


def mermaid_requests(page) -> list[str]:
    page.send("Runtime.evaluate", expression="1")  # collect the events sent meanwhile
    return [url for url in page.requested_urls() if "mermaid" in url and "loader" not in url]


def test_a_wide_screen_fetches_mermaid_only_when_the_swimlane_scrolls_into_view(server, browser, portal_site):
    page = browser.new_page()
    try:
        page.goto(server.url + a_sop(portal_site)["url"], width=1280, height=700)
        page.eval("window.scrollTo(0, 0)")
        time.sleep(1.5)
        assert mermaid_requests(page) == []
        assert page.eval(WAITING)  # the section is there, its diagram not drawn
        assert page.eval("getComputedStyle(document.querySelector('.sop-swimlane pre.mermaid')).display") == "none"
        assert page.eval("!document.querySelector('.sop-swimlane-open').hidden")
        page.eval("document.querySelector('.sop-swimlane').scrollIntoView()")
        diagram = wait_for_diagram(page, 2)
        assert diagram is not None and diagram.svg_count == 1
        assert any(url.endswith("mermaid/mermaid.min.js") for url in mermaid_requests(page))
        assert page.eval("document.querySelector('.sop-swimlane-wait').hidden")
        assert page.console_errors() == []
    finally:
        page.close()


def test_a_phone_fetches_mermaid_only_when_the_reader_taps_the_button(server, browser, portal_site):
    page = browser.new_page()
    try:
        page.goto(server.url + a_sop(portal_site)["url"], width=390, height=844)
        page.eval("document.querySelector('.sop-swimlane').scrollIntoView()")
        time.sleep(1.5)
        assert mermaid_requests(page) == []
        button = page.eval("document.querySelector('.sop-swimlane-open').textContent")
        assert button == "Tampilkan diagram alir"
        page.eval("document.querySelector('.sop-swimlane-open').click()")
        diagram = wait_for_diagram(page, 2)
        assert diagram is not None and diagram.svg_count == 1
        assert any(url.endswith("mermaid/mermaid.min.js") for url in mermaid_requests(page))
        assert page.console_errors() == []
    finally:
        page.close()


def test_without_script_the_section_says_how_to_see_the_diagram(portal_site):
    sop = a_sop(portal_site)
    html = (portal_site / sop["url"] / "index.html").read_text()
    section = html[html.index('class="sop-swimlane"'):]
    assert "<noscript>Diagram alir digambar oleh JavaScript" in section
    assert "Aktifkan JavaScript" in section
