"""Swimlanes in a real headless Chromium: every seed page, offline, no console error."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from browser import ARTIFACTS, SiteServer
from diagram import read_diagram


@pytest.fixture(scope="module")
def server(portal_site):
    srv = SiteServer(portal_site)
    yield srv
    srv.close()


def sop_pages(site: Path) -> list[dict]:
    return json.loads((site / "katalog" / "catalogue.json").read_text())["sop"]


def wait_for_diagram(page, steps: int, timeout: float = 40):
    deadline = time.monotonic() + timeout
    diagram = None
    while time.monotonic() < deadline:
        diagram = read_diagram(page)
        if diagram.svg_count and len(diagram.nodes) >= steps:
            return diagram
        time.sleep(0.3)
    return diagram


def test_every_sop_page_draws_its_swimlane_offline(server, browser, portal_site):
    pages = sop_pages(portal_site)
    assert len(pages) >= 5
    for sop in pages:
        url = server.url + sop["url"]
        html = (portal_site / sop["url"] / "index.html").read_text()
        steps = len(re.findall(r'<tr class="sop-step"', html))
        page = browser.new_page()
        try:
            page.goto(url, width=1280, height=900)
            diagram = wait_for_diagram(page, steps)
            name = sop["nomor"] or sop["nama"]
            page.eval("document.querySelector('.sop-swimlane').scrollIntoView()")
            page.screenshot(ARTIFACTS / f"swimlane-{re.sub(r'[^A-Za-z0-9.-]+', '-', name)}.png")
            assert diagram.svg_count == 1, name
            # one lane per actor, in declared order, labelled with the actor's name
            assert [label for _, (label, _) in sorted(diagram.lanes.items())] == sop["pelaksana"], name
            # one node per step, numbered like the table
            assert sorted(diagram.nodes) == list(range(1, steps + 1)), name
            for number, (label, _) in diagram.nodes.items():
                assert label.startswith(f"{number}. "), (name, label)
            # lanes side by side without overlapping; every node inside its own actor's lane
            boxes = [box for _, (_, box) in sorted(diagram.lanes.items())]
            for left, right in zip(boxes, boxes[1:]):
                assert left.right <= right.left + 4, name  # adjacent lanes share a border stroke
            actor_of = re.findall(r'<tr class="sop-step".*?</tr>', html, re.S)
            for number, row in enumerate(actor_of, 1):
                cells = re.findall(r'<td class="sop-actor( sop-mark)?"', row)
                lane = [i for i, mark in enumerate(cells) if mark][0]
                assert diagram.nodes[number][1].inside(diagram.lanes[lane][1]), (name, number)
            assert page.console_errors() == [], name
            outside = [u for u in page.requested_urls() if not u.startswith((server.url, "data:"))]
            assert outside == [], name
        finally:
            page.close()


def test_decision_branches_are_labelled_ya_and_tidak(server, page, portal_site):
    sample = next(s for s in sop_pages(portal_site) if s["nama"] == "Administrasi Surat Masuk")
    page.goto(server.url + sample["url"])
    wait_for_diagram(page, 4)
    root = page.send("DOM.getDocument", depth=-1, pierce=True)["root"]
    text = json.dumps(root)
    assert '"nodeValue": "Ya"' in text and '"nodeValue": "Tidak"' in text


def test_dark_palette_diagram(server, page, portal_site):
    sop = sop_pages(portal_site)[0]
    page.goto(server.url + sop["url"], dark=True)
    wait_for_diagram(page, 2)
    page.eval("document.querySelector('.sop-swimlane').scrollIntoView()")
    page.screenshot(ARTIFACTS / "swimlane-dark.png")
    assert page.console_errors() == []
