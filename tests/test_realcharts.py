"""Real flowcharts as offices draw them (issue 23): SOPs transcribed by hand from signed
documents of BPS Provinsi Bengkulu (public in ocidserver/openSOP,
backend/static/sop/documents/; each file's first line names its PDF). They use every extension:
a start or end capsule in one actor's column and boxes in others in the same row, a decision
beside another symbol, text inside a diamond, branch labels A/B, several selesai.

`realcharts/expected.yml` says, for every step row, which actor column holds which symbol in the
signed document (written apart from the SOP files; `realcharts/README.md` has the notes). Each
SOP checks clean and is checked:

* in the procedure table (connected and symbols-only): the symbol class in each actor's cell;
* in the swimlane's Mermaid source: the node shape in each actor's lane;
* in a PDF printed by Chromium: each symbol drawn in its actor's column (`test_realcharts_pdf.py`).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from sopbook.drawing.swimlane import swimlane_source
from sopbook.portal.catalogue import Catalogue
from sopbook.render import Renderer
from sopbook.sop.loading import load_paths

HERE = Path(__file__).parent / "realcharts"
FILES = sorted(p.name for p in HERE.glob("*.yml") if p.name != "expected.yml")
EXPECTED: dict[str, dict[int, dict[str, str]]] = yaml.safe_load((HERE / "expected.yml").read_text())


def loaded(name: str):
    result = load_paths([HERE / name])
    assert not result.problems, "\n".join(map(str, result.problems))
    return result.sops[0]


def test_the_transcriptions_use_every_extension_and_name_their_source():
    texts = {name: (HERE / name).read_text() for name in FILES}
    assert len(FILES) >= 5 and set(EXPECTED) == set(FILES)
    for name, text in texts.items():
        assert text.startswith("# Source: ocidserver/openSOP backend/static/sop/documents/"), name
    every = "".join(texts.values())
    assert all(key in every for key in ("teks_simbol:", "label_ya:", "label_tidak:"))
    mixed = [n for n in FILES for i in range(len(loaded(n).sop.steps))
             if len({s for _, s in loaded(n).sop.symbols_of(i)}) > 1]
    assert mixed  # rows of different symbols
    ends = [n for n in FILES if sum(s.value == "selesai" for i in range(len(loaded(n).sop.steps))
                                    for _, s in loaded(n).sop.symbols_of(i)) > 1]
    assert ends  # several selesai


@pytest.mark.parametrize("name", FILES)
def test_each_transcription_checks_clean_and_totals_its_waktu(name):
    sop = loaded(name).sop
    assert sop.total_time is not None and sop.total_time.format()


def cells(html: str, actors: list[str]) -> dict[int, dict[str, str]]:
    """{printed step number: {actor: symbol}} read off the procedure table's actor cells."""
    table = BeautifulSoup(html, "html.parser").select_one("table.sop-procedure")
    found: dict[int, dict[str, str]] = {}
    for row in table.select("tbody tr.sop-step"):
        number = int(row.select_one("td.sop-no").get_text(strip=True))
        marks = {}
        for actor, cell in zip(actors, row.select("td.sop-actor")):
            symbol = cell.select_one(".sop-sym")
            if symbol is not None:
                (kind,) = [c.removeprefix("sop-sym--") for c in symbol["class"] if c.startswith("sop-sym--")]
                marks[actor] = kind
        found[number] = marks
    return found


@pytest.mark.parametrize("mode", ["connected", "symbols"])
@pytest.mark.parametrize("name", FILES)
def test_the_table_shows_each_symbol_in_the_column_the_document_shows_it(name, mode):
    item = loaded(name)
    entry = Catalogue([item]).entries[0]
    html = str(Renderer(flowchart=mode).sop_page(entry, url=lambda p: p))
    assert cells(html, item.sop.actors) == EXPECTED[name]
    if mode == "connected":
        # each diamond with a text shows it; branches with their printed labels
        for step in item.sop.steps:
            if step.symbol_text:
                assert all(part in html for part in step.symbol_text.split())
            if step.yes_label:
                assert f"<span>{step.yes_label} → {step.yes}</span>" in html


SHAPES = {'(["': "capsule", '["': "proses", '{"': "keputusan"}


@pytest.mark.parametrize("name", FILES)
def test_the_swimlane_draws_each_symbol_in_its_actors_lane(name):
    sop = loaded(name).sop
    source = swimlane_source(sop)
    lanes = [sop.actors[int(n)] for n in re.findall(r'^  subgraph L(\d+)\[', source, re.M)]
    found: dict[int, dict[str, str]] = {}
    lane = None
    for line in source.splitlines():
        head = re.match(r'^  subgraph L(\d+)\[', line)
        if head:
            lane = lanes[int(head.group(1))]
            continue
        node = re.match(r'^    s\d+(?:_\d+)?(\(\["|\["|\{")(\d+)#46;', line)
        if node:
            found.setdefault(int(node.group(2)), {})[lane] = SHAPES[node.group(1)]
    want = {n: {a: ("capsule" if s in ("mulai", "selesai") else s) for a, s in row.items()}
            for n, row in EXPECTED[name].items()}
    assert found == want
    # branches leave the diamond with the labels as printed
    for index, step in enumerate(sop.steps):
        if step.yes_label:
            assert re.search(rf"-->\|{re.escape(step.yes_label)}\| s\d+", source)
            assert re.search(rf"-->\|{re.escape(step.no_text)}\| s\d+", source)
