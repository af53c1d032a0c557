"""Search reads text the way people type it (plugin/search.py): a word is found whatever
punctuation surrounds it in a title ("[Domisili]", "(Penduduk)", '"Usaha"', "Arsip;Tahunan",
"Surat/Dokumen"), while full and partial SOP numbers still find their SOP first. Checked in
headless Chromium with Material's search and with Pagefind (`pagefind: true`)."""

from __future__ import annotations

import json
import re

import pytest

from browser import SiteServer
from conftest import SMALL_SITE_CONFIG
from sops import sop_yaml, step
from sopbook.plugin.search import WORD_SEPARATOR
from test_titles_browser import PAGEFIND_RESULTS, settled, type_into

SOPS = {
    "1.1": "[Domisili] Surat Keterangan",
    "1.2": 'Izin "Usaha" Mikro',
    "1.3": "Pendataan (Penduduk) Baru",
    "1.4": "Rekap#Arsip;Tahunan",
    "1.5": "Surat/Dokumen Keluar",
    "1.6": "Layanan 'Prima'.",
    "28.8.1.10": "Laporan Capaian",
    "400.12/7-2026": "Penataan Berkas",
    "BKPSDM.1.7-2017": "Laporan Kinerja",
}
WORDS = [
    ("Domisili", "1.1"), ("domisili", "1.1"), ("usaha", "1.2"), ("Penduduk", "1.3"),
    ("arsip", "1.4"), ("tahunan", "1.4"), ("Dokumen", "1.5"), ("prima", "1.6"),
]
NUMBERS = [
    ("28.8.1.10", "28.8.1.10"), ("28.8", "28.8.1.10"), ("400.12/7-2026", "400.12/7-2026"),
    ("400.12", "400.12/7-2026"), ("BKPSDM.1.7-2017", "BKPSDM.1.7-2017"), ("BKPSDM.1.7", "BKPSDM.1.7-2017"),
]
MATERIAL_RESULTS = "[...document.querySelectorAll('.md-search-result__item > a')].map(a => new URL(a.href).pathname)"


def sop(number: str, title: str) -> str:
    return sop_yaml(title, number, organisasi=["Pemerintah Kota Uji"], tanggal_pengesahan=None,
                    langkah=[step("Bekerja", "Lurah", "5 menit")])


@pytest.fixture(scope="module")
def words_site(tmp_path_factory, mkdocs):
    from conftest import SmallSite

    site = SmallSite(tmp_path_factory.mktemp("words") / "project",
                     SMALL_SITE_CONFIG.replace("  - sopbook\n", "  - sopbook:\n      pagefind: true\n"))
    for i, (number, title) in enumerate(SOPS.items()):
        site.add(f"{i}.yml", sop(number, title))
    done = site.build()
    assert done.returncode == 0, done.stderr
    urls = {r["nomor"]: "/" + r["url"] for r in json.loads((site.site / "katalog" / "catalogue.json").read_text())["sop"]}
    server = SiteServer(site.site)
    yield server, urls, site
    server.close()


def test_the_separator_splits_punctuation_but_keeps_numbers_whole():
    separator = re.compile(WORD_SEPARATOR)

    def words(text: str) -> list[str]:
        return [w for w in separator.split(text.lower()) if w]

    assert words('[Domisili] (Penduduk) "Usaha" Rekap#Arsip;Tahunan Surat/Dokumen \'Prima\'.') == [
        "domisili", "penduduk", "usaha", "rekap", "arsip", "tahunan", "surat", "dokumen", "prima",
    ]
    assert words("Sarana &amp; Prasarana &lt;b&gt;Kota&#39;s&#x3C;") == ["sarana", "prasarana", "b", "kota", "s"]
    assert words("28.8.1.10") == ["28.8.1.10"]
    assert words("400.12/7-2026") == ["400.12/7", "2026"]  # hyphens split, as in Material's default
    assert words("BKPSDM.1.7-2017") == ["bkpsdm.1.7", "2017"]


def test_the_site_gets_the_separator_unless_it_chose_one(words_site, small_site):
    _, _, site = words_site
    index = json.loads((site.site / "search" / "search_index.json").read_text())
    assert index["config"]["separator"] == WORD_SEPARATOR
    (small_site.root / "mkdocs.yml").write_text(
        SMALL_SITE_CONFIG.replace("  - search\n", "  - search:\n      separator: '[\\s]+'\n")
    )
    small_site.add("a.yml", sop("1.1", "Uji"))
    assert small_site.build().returncode == 0
    own = json.loads((small_site.site / "search" / "search_index.json").read_text())
    assert own["config"]["separator"] == "[\\s]+"


def material_search(tab, query: str) -> list[str]:
    type_into(tab, "input.md-search__input", "")
    tab.wait_until(f"{MATERIAL_RESULTS}.length === 0")
    type_into(tab, "input.md-search__input", query)
    return settled(tab, MATERIAL_RESULTS)


@pytest.mark.parametrize("queries", [WORDS, NUMBERS], ids=["words", "numbers"])
def test_material_search_finds_words_in_punctuation_and_numbers_first(words_site, page, queries):
    server, urls, _ = words_site
    page.goto(server.url)
    for query, number in queries:
        results = material_search(page, query)
        assert results and results[0] == urls[number], (query, results)
    assert page.console_errors() == []


@pytest.mark.parametrize("queries", [WORDS, NUMBERS], ids=["words", "numbers"])
def test_pagefind_finds_words_in_punctuation_and_numbers_first(words_site, page, queries):
    server, urls, _ = words_site
    page.goto(server.url + "cari/")
    page.wait_until("!!document.querySelector('.pagefind-ui__search-input')")
    for query, number in queries:
        type_into(page, ".pagefind-ui__search-input", "")
        page.wait_until("document.querySelectorAll('.pagefind-ui__result').length === 0")
        type_into(page, ".pagefind-ui__search-input", query)
        results = [r["url"] for r in settled(page, PAGEFIND_RESULTS)]
        assert results and results[0] == urls[number], (query, results)
    assert page.console_errors() == []
