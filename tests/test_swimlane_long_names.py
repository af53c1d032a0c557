"""Long actor names in a real Chromium: every name wraps inside its lane header, the headers
are one height, and lanes never overlap (8 lanes, names up to 62 characters)."""

from __future__ import annotations

import time

import pytest

from browser import ARTIFACTS, SiteServer
from sops import sop_yaml, step
from diagram import _attrs, _box, _walk, read_diagram
from sopbook.drawing.swimlane import lane_label

LONG = [
    "Kepala Bidang Pendaftaran Penduduk dan Pencatatan Sipil",
    "Kepala Bidang Pelayanan Pencatatan Sipil dan Pemanfaatan Data",
    "Kasubag Perencanaan dan Keuangan",
    "Bagian Organisasi/Inspektorat",
]
CASES = {
    "two": [LONG[0], "Staf"],
    "eight": ["Pemohon", LONG[0], "Petugas Pelayanan", LONG[1], "Sekretaris Dinas", LONG[2], "Operator SIAK", LONG[3]],
}


def sop_text(number: str, actors: list[str]) -> str:
    steps = [step(f"Langkah {i}", a, "5 menit") for i, a in enumerate(actors, 1)]
    return sop_yaml(f"Nama Panjang {number}", number, organisasi=["Pemerintah Uji"], tanggal_pengesahan=None,
                    pelaksana=actors, langkah=steps)


def test_lane_label_wraps_at_word_boundaries():
    assert lane_label("Staf") == "Staf"
    assert lane_label(LONG[0]) == "Kepala Bidang<br/>Pendaftaran<br/>Penduduk dan<br/>Pencatatan Sipil"
    assert lane_label("Bagian Organisasi/Inspektorat") == "Bagian<br/>Organisasi#47;Inspektorat"


@pytest.fixture(scope="module")
def site(tmp_path_factory, mkdocs):
    from conftest import SmallSite

    small = SmallSite(tmp_path_factory.mktemp("long-names") / "project")
    for i, actors in enumerate(CASES.values(), 1):
        small.add(f"{i}.yml", sop_text(str(i), actors))
    done = small.build()
    assert done.returncode == 0, done.stderr
    server = SiteServer(small.site)
    yield server
    server.close()


def headers(page) -> list:
    """(title band box, label box) of each lane, in lane order."""
    root = page.send("DOM.getDocument", depth=-1, pierce=True)["root"]
    found = []
    for node in _walk(root):
        if node.get("nodeName", "").lower() != "g" or "swimlane" not in _attrs(node).get("class", "").split():
            continue
        title = next(n for n in _walk(node) if "swimlane-title" in _attrs(n).get("class", ""))
        label = next(n for n in _walk(node) if "swimlane-label" in _attrs(n).get("class", ""))
        box = next(n for n in _walk(label) if n.get("nodeName", "").lower() == "p")
        found.append((_attrs(node)["id"], _box(page, title["backendNodeId"]), _box(page, box["backendNodeId"])))
    return [(title, label) for _, title, label in sorted(found)]


@pytest.mark.parametrize("width", [1280, 900])
@pytest.mark.parametrize(("number", "case"), [(str(i), name) for i, name in enumerate(CASES, 1)])
def test_long_names_stay_inside_their_lane_header(site, browser, number, case, width):
    actors = CASES[case]
    page = browser.new_page()
    try:
        page.goto(site.url + f"sop/pemerintah-uji/{number}/", width=width, height=900)
        deadline = time.monotonic() + 40
        diagram = read_diagram(page)
        while not (diagram.svg_count and len(diagram.nodes) == len(actors)) and time.monotonic() < deadline:
            time.sleep(0.3)
            diagram = read_diagram(page)
        page.eval("document.querySelector('.sop-swimlane').scrollIntoView()")
        page.screenshot(ARTIFACTS / f"swimlane-long-names-{case}-{width}.png")
        lanes = [box for _, (_, box) in sorted(diagram.lanes.items())]
        assert [label for _, (label, _) in sorted(diagram.lanes.items())] == actors
        for left, right in zip(lanes, lanes[1:]):
            assert left.right <= right.left + 1.5, (case, left, right)  # one shared border, no overlap
        bands = headers(page)
        assert len(bands) == len(actors)
        heights = {round(title.bottom - title.top) for title, _ in bands}
        tops = {round(title.top) for title, _ in bands}
        assert len(heights) == 1 and len(tops) == 1, (heights, tops)  # one even header row
        for (title, label), lane in zip(bands, lanes):
            assert label.inside(title, slack=1.5), (case, label, title)  # the name wraps inside
            assert lane.left - 1.5 <= title.left and title.right <= lane.right + 1.5  # header within its lane
        for number_, (_, node) in diagram.nodes.items():
            assert node.top >= bands[0][0].bottom - 1  # no step under the header
        assert page.console_errors() == []
    finally:
        page.close()
