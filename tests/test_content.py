"""Checks over the live content/: only what holds for EVERY valid portal.

Each office runs this repository with its own SOPs, so nothing here names a title, a number or
a count of today's files (those tests use the fixture portal, tests/portal). The portal checked
is CONTENT_ROOT: this repository, or a copy named by the environment variable
SOPBOOK_CONTENT_ROOT (tests/test_content_copy.py runs these checks on a copy with unusual SOPs).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import CONTENT_ROOT, soup
from sopbook.portal.catalogue import Catalogue
from sopbook.portal.references import normalise_title
from sopbook.cli import main
from sopbook.sop.loading import load_paths
from sopbook.sop.model import NONE_MARKS

BROWSER_SAMPLE = 6
"""SOP pages drawn in Chromium: the hardest ones (most actors, longest names), not all."""


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    result = load_paths([CONTENT_ROOT / "content"], base=CONTENT_ROOT)
    assert result.problems == [], "\n".join(map(str, result.problems))
    return Catalogue(result.sops)


def html_pages(site: Path):
    for path in sorted(site.rglob("*.html")):
        yield path, BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_sopbook_check_finds_no_problem(capsys):
    assert main(["check", str(CONTENT_ROOT / "content")]) == 0


def test_every_sop_has_its_page_with_every_step_and_actor(content_site, catalogue):
    listed = json.loads((content_site / "katalog" / "catalogue.json").read_text())["sop"]
    assert sorted(s["url"] for s in listed) == sorted(entry.path for entry in catalogue)
    for entry in catalogue:
        sop = entry.sop
        page = soup(content_site / entry.path / "index.html").select_one("article.sop")
        assert page is not None, entry.path
        assert [th.get_text().replace("\u00ad", "").replace("\u200b", "") for th in page.select("th.sop-col-actor")] == sop.actors, entry.path
        rows = page.select(".sop-procedure tbody tr.sop-step")
        assert len(rows) == len(sop.steps), entry.path
        for row, step in zip(rows, sop.steps):
            assert row.select_one(".sop-uraian").get_text() == step.description, entry.path


def test_no_internal_link_is_broken(content_site):
    broken = []
    ids_cache: dict[Path, set[str]] = {}
    for path, doc in html_pages(content_site):
        base = "/" + path.relative_to(content_site).as_posix()
        for tag in doc.find_all(["a", "link", "script", "img"]):
            ref = tag.get("href") or tag.get("src")
            if not ref or ref.startswith(("#", "mailto:", "javascript:")):
                continue
            parts = urlsplit(urljoin(base, ref))
            if parts.scheme or parts.netloc:
                continue  # external links are checked by test_offline
            target = content_site / unquote(parts.path).lstrip("/")
            if parts.path.endswith("/"):
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{base}: {ref}")
                continue
            if parts.fragment and target.suffix == ".html":
                if target not in ids_cache:
                    ids_cache[target] = {
                        el["id"] for el in BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser").find_all(id=True)
                    }
                if parts.fragment not in ids_cache[target]:
                    broken.append(f"{base}: {ref} (no #{parts.fragment})")
    assert broken == []


def test_every_keterkaitan_links_or_is_listed_as_belum_tersedia(content_site, catalogue):
    katalog = soup(content_site / "katalog" / "index.html")
    missing = {normalise_title(td.get_text()) for td in katalog.select("td.sop-missing-title")}
    for entry in catalogue:
        page = soup(content_site / entry.path / "index.html")
        items = page.select(".sop-keterkaitan li")
        named = [text for text in entry.sop.related if text.strip() not in NONE_MARKS]
        assert len(items) == len(named), entry.path
        if not named:  # the form's "-": none, shown as "-" and naming no SOP
            assert page.select_one(".sop-keterkaitan").get_text(strip=True) == "-", entry.path
        for li in items:
            if li.find("a", class_="sop-ref"):
                continue
            assert normalise_title(li.get_text(" ", strip=True)) in missing, (
                f"{entry.path}: {li.get_text()!r} is neither a link nor listed under Belum tersedia"
            )


def hardest(catalogue: Catalogue) -> list:
    """The SOPs most likely to break a diagram: most actors, longest actor name, most steps."""
    entries = list(catalogue)
    picks = []
    for key in (
        lambda e: len(e.sop.actors),
        lambda e: max(len(a) for a in e.sop.actors),
        lambda e: len(e.sop.steps),
        lambda e: sum(len(a) for a in e.sop.actors),
    ):
        for entry in sorted(entries, key=key, reverse=True):
            if entry not in picks:
                picks.append(entry)
                break
    for entry in entries:  # and the first few, to reach the sample size
        if len(picks) >= BROWSER_SAMPLE:
            break
        if entry not in picks:
            picks.append(entry)
    return picks


def test_swimlanes_of_the_hardest_pages_keep_their_lanes_apart(content_site, catalogue, browser):
    from browser import ARTIFACTS, SiteServer
    from test_swimlane_browser import wait_for_diagram

    server = SiteServer(content_site)
    try:
        for entry in hardest(catalogue):
            sop = entry.sop
            page = browser.new_page()
            try:
                page.goto(server.url + entry.path, width=1280, height=900)
                diagram = wait_for_diagram(page, len(sop.steps))
                page.eval("document.querySelector('.sop-swimlane') && document.querySelector('.sop-swimlane').scrollIntoView()")
                page.screenshot(ARTIFACTS / f"content-swimlane-{re.sub(r'[^A-Za-z0-9.-]+', '-', entry.path)[-60:]}.png")
                assert diagram.svg_count == 1, entry.path
                lanes = [lane for _, lane in sorted(diagram.lanes.items())]
                assert [label for label, _ in lanes] == sop.actors, entry.path
                boxes = [box for _, box in lanes]
                for left, right in zip(boxes, boxes[1:]):
                    assert left.right <= right.left + 4, entry.path  # neighbours share one border
                assert sorted(diagram.nodes) == list(range(1, len(sop.steps) + 1)), entry.path
                for number, step in enumerate(sop.steps, 1):
                    lane = sop.actors.index(step.actor)
                    assert diagram.nodes[number][1].inside(boxes[lane]), (entry.path, number)
                assert page.console_errors() == [], entry.path
            finally:
                page.close()
    finally:
        server.close()
