"""A step shared by two actors, drawn by Mermaid in a real headless Chromium: one box in each
actor's lane, no console error, nothing fetched from outside."""

from __future__ import annotations

import re
import time

import pytest
from conftest import SMALL_SITE_CONFIG, SmallSite
from test_realsop import OFFICE, PAGE

from browser import ARTIFACTS, SiteServer
from diagram import _attrs, _box, _walk, ask_for_swimlanes, read_diagram


@pytest.fixture(scope="module")
def server(tmp_path_factory, mkdocs):
    site = SmallSite(tmp_path_factory.mktemp("realsop-browser") / "project", SMALL_SITE_CONFIG)
    site.add("provinsi/800-12.yml", OFFICE)
    done = site.build()
    assert done.returncode == 0, done.stdout + done.stderr
    srv = SiteServer(site.site)
    yield srv
    srv.close()


def node_boxes(page) -> dict[str, object]:
    """Box of every step node by its Mermaid id ("s5", "s5_2")."""
    root = page.send("DOM.getDocument", depth=-1, pierce=True)["root"]
    found = {}
    for node in _walk(root):
        attrs = _attrs(node)
        match = re.search(r"-flowchart-(s\d+(?:_\d+)?)-\d+$", attrs.get("id", ""))
        if node.get("nodeName", "").lower() == "g" and match and "node" in attrs.get("class", "").split():
            found[match.group(1)] = _box(page, node["backendNodeId"])
    return found


def test_the_shared_step_is_drawn_in_both_lanes(server, page):
    page.goto(f"{server.url}/{PAGE}/", width=1280, height=900)
    ask_for_swimlanes(page)
    deadline = time.monotonic() + 40
    boxes: dict = {}
    while time.monotonic() < deadline and len(boxes) < 9:
        boxes = node_boxes(page)
        time.sleep(0.3)
    page.eval("document.querySelector('.sop-swimlane').scrollIntoView()")
    page.screenshot(ARTIFACTS / "swimlane-shared-step.png")
    diagram = read_diagram(page)
    boxes = node_boxes(page)  # measured at the same scroll position as the lanes
    assert [label for _, (label, _) in sorted(diagram.lanes.items())] == [
        "Petugas Layanan", "Kepala Seksi", "Kepala Bidang", "Kepala Dinas"
    ]
    lane = {number: box for number, (_, box) in diagram.lanes.items()}
    assert sorted(boxes) == sorted(["s1", "s2", "s3", "s4", "s5", "s5_2", "s6", "s7", "s8"])
    assert boxes["s5"].inside(lane[1]) and boxes["s5_2"].inside(lane[2])
    # joined in the order of the work: the second actor's box comes after the first
    assert boxes["s5_2"].top >= boxes["s5"].top and boxes["s6"].top > boxes["s5_2"].top
    assert page.console_errors() == []
    assert [u for u in page.requested_urls() if not u.startswith((server.url, "data:"))] == []


def test_the_katalog_row_shows_the_tanggal_efektif(server, page):
    page.goto(f"{server.url}/katalog/", width=1280, height=900)
    page.wait_until("document.querySelectorAll('table.sop-list tbody tr').length > 0")
    cells = page.eval(
        "Array.from(document.querySelectorAll('table.sop-list tbody tr td')).map(td => td.textContent)"
    )
    assert cells[0] == "800/12/DKA/2024"
    assert "15 Januari 2024 (efektif)" in cells
    assert page.console_errors() == []
