"""No HTML from SOP files anywhere in the built portal (plugin/titles.py and everything around
it): hostile texts in every field become neither elements nor attributes, and each is shown
literally in `<title>`, header, sidebar, breadcrumbs, footer, page bodies, the search index,
catalogue.json and the edit link. Property-based, with real `mkdocs build --strict` runs."""

from __future__ import annotations

import html
import json
from pathlib import Path
from urllib.parse import quote

from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings

from conftest import mkdocs_build, soup
from hostile import FIXED, hostile_portal, normal, texts, write_portal

A_FILE = 'a" <sopbook-x> #?.yml'  # a hostile file name for the edit link


def injected(page: BeautifulSoup) -> list[str]:
    """Elements, attributes and scripts in `page` that can only come from the data."""
    found = []
    for element in page.find_all(True):
        if element.name.startswith("sopbook") or (element.name == "img" and element.get("src") == "x"):
            found.append(f"<{element.name}>")
        for name, value in element.attrs.items():
            if name in ("onerror", "onload") or name.startswith("sopbook"):  # the payloads' attributes
                found.append(f"{element.name}[{name}]")
            if name in ("href", "src", "action") and str(value).strip().lower().startswith("javascript:"):
                found.append(f"{element.name}[{name}={value}]")
    for script in page.find_all("script"):
        if "alert(" in script.get_text():
            found.append("<script>alert(…)")
    return found


def label(sop: dict) -> str:
    return normal(f"{sop['nomor']} {sop['nama']}")


def check_portal(site: Path, portal: dict[str, dict]) -> None:
    (a_file, a), (b_file, b) = portal.items()
    pages = {path: soup(path) for path in site.rglob("*.html")}
    for path, page in pages.items():
        assert injected(page) == [], path

    records = {r["nama"]: r for r in json.loads((site / "katalog" / "catalogue.json").read_text())["sop"]}
    assert records[a["nama"]]["nomor"] == a["nomor"] and records[a["nama"]]["organisasi"] == a["organisasi"]
    assert records[b["nama"]]["nomor"] == b["nomor"]
    a_url, b_url = records[a["nama"]]["url"], records[b["nama"]]["url"]

    page = pages[site / a_url / "index.html"]
    assert normal(page.title.get_text()) == normal(f"{a['nama']} - Uji")
    assert normal(a["nama"]) in [normal(t.get_text()) for t in page.select(".md-header__topic .md-ellipsis")]
    sidebar = [normal(link.get_text()) for link in page.select("nav.md-nav--primary .md-nav__link")]
    assert label(a) in sidebar and normal(a["organisasi"][1]) in sidebar
    assert [normal(i.get_text()) for i in page.select(".md-path__item")][-2:] == [normal(o) for o in a["organisasi"]]
    body = normal(page.select_one("article").get_text(" "))
    for text in texts({k: v for k, v in a.items() if k != "langkah"}) + texts(
        [{k: v for k, v in step.items() if k != "waktu"} for step in a["langkah"]]
    ):
        assert normal(text) in body, text
    assert label(b) in body  # "Dirujuk oleh"
    edit = page.select_one("a.md-content__button[rel=edit]")
    assert edit["href"] == "https://example.org/kantor/portal/edit/main/content/" + quote(a_file)

    unit = pages[site / a_url.rsplit("/", 2)[0] / "index.html"]
    assert normal(unit.title.get_text()) == normal(f"{a['organisasi'][1]} - Uji")
    assert label(a) in normal(unit.select_one("article").get_text(" "))

    catalogue = normal(pages[site / "katalog" / "index.html"].select_one("article").get_text(" "))
    assert normal(a["keterkaitan"][0]) in catalogue  # "Belum tersedia"

    footers = {normal(t.get_text()) for p in pages.values() for t in p.select(".md-footer__title .md-ellipsis")}
    assert label(a) in footers or normal(a["nama"]) in footers

    index = json.loads((site / "search" / "search_index.json").read_text())
    for doc in index["docs"]:
        assert BeautifulSoup(doc["title"], "html.parser").find_all(True) == [], doc["title"]
        assert injected(BeautifulSoup(doc["text"], "html.parser")) == []
    top = {doc["location"]: doc for doc in index["docs"]}[a_url]
    assert normal(html.unescape(top["title"])) == normal(a["nama"])
    assert [html.unescape(tag) for tag in top["tags"]] == [a["nomor"]]


def build(root: Path, portal: dict[str, dict]) -> Path:
    write_portal(root, portal)
    done = mkdocs_build(root)
    assert done.returncode == 0, done.stderr[-3000:]
    return root / "site"


def test_the_hostile_sop_of_the_issue_is_shown_literally(tmp_path, mkdocs):
    portal = {A_FILE: FIXED["a.yml"], "b.yml": FIXED["b.yml"]}
    check_portal(build(tmp_path / "project", portal), portal)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(hostile_portal())
def test_hostile_texts_in_every_field_never_become_markup(tmp_path, mkdocs, slow, portal):
    (a, b) = portal.values()
    check_portal(build(tmp_path / "project", {A_FILE: a, "b.yml": b}), {A_FILE: a, "b.yml": b})
