"""Hostile names and texts cannot break or inject into a swimlane: checked with Mermaid's own
parser and renderer in headless Chromium (property-based)."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from browser import SiteServer
from sopbook.sop.model import Sop
from sopbook.drawing.swimlane import MAX_STEP_CHARS, shorten, swimlane_source

TOKENS = ['"', "'", "[", "]", "(", ")", "{", "}", "#", ";", "|", "`", "<script>alert(1)</script>",
          "<img src=x onerror=alert(1)>", "click s1 call alert()", "style s1 fill:red", "%%{init: {}}%%",
          "%%", "end", "subgraph", "-->", "&amp;", "#quot;", "\\", ":::", "é", "中文", "\u202e", "🙂"]
TEXT = st.lists(
    st.sampled_from(TOKENS) | st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=6),
    min_size=1,
    max_size=6,
).map(" ".join).filter(lambda s: s.strip())

CHECK = """(async () => {
  const m = window.mermaid.load ? await window.mermaid.load() : window.mermaid;
  const src = %s;
  await m.parse(src);
  const {svg} = await m.render('hostile' + Math.random().toString(36).slice(2), src);
  const doc = new DOMParser().parseFromString(svg, 'text/html');
  doc.querySelectorAll('br').forEach(br => br.replaceWith(' '));
  const text = el => el.textContent.replace(/\\s+/g, ' ').trim();
  const attrs = [...doc.querySelectorAll('*')].flatMap(el => [...el.attributes].map(a => a.name));
  return {
    lanes: [...doc.querySelectorAll('g.cluster')].sort((a, b) => a.id.localeCompare(b.id, 'en', {numeric: true}))
             .map(g => text(g.querySelector('.cluster-label'))),
    nodes: [...doc.querySelectorAll('g.node')].filter(g => /-flowchart-s\\d+-/.test(g.id))
             .map(g => [Number(g.id.match(/-flowchart-s(\\d+)-/)[1]), text(g)]),
    scripts: doc.querySelectorAll('script, a, iframe, foreignObject script').length,
    handlers: attrs.filter(n => n.startsWith('on')),
  };
})()"""


@pytest.fixture(scope="module")
def page(content_site, browser):
    server = SiteServer(content_site)
    tab = browser.new_page()
    tab.goto(server.url + "katalog/")
    yield tab
    tab.close()
    server.close()


def normal(text: str) -> str:
    return " ".join(text.split())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    actors=st.lists(TEXT, min_size=1, max_size=4, unique_by=lambda s: normal(s)),
    texts=st.lists(TEXT, min_size=1, max_size=5),
    decision=st.booleans(),
)
def test_hostile_text_stays_label_text(page, actors, texts, decision):
    actors = [normal(a) for a in actors]
    steps = [{"uraian": t, "pelaksana": actors[i % len(actors)], "waktu": "5 menit"} for i, t in enumerate(texts)]
    if decision and len(steps) >= 3:
        steps[1].update(simbol="keputusan", ya=3, tidak=1)
    sop = Sop.model_validate({"nama": "x", "pelaksana": actors, "langkah": steps})
    for engine in ("swimlane-beta", "flowchart"):
        result = page.eval(CHECK % json.dumps(swimlane_source(sop, engine=engine)))
        assert result["scripts"] == 0 and result["handlers"] == []
        assert result["lanes"] == actors
        nodes = dict(result["nodes"])
        assert sorted(nodes) == list(range(1, len(steps) + 1))
        for number, step in enumerate(sop.steps, 1):
            limit = 45 if sop.symbol_of(number - 1).value == "keputusan" else MAX_STEP_CHARS
            expected = normal(f"{number}. {shorten(step.description, limit)} (5 menit)")
            assert re.sub(r"\s+", " ", nodes[number]).strip() == expected
