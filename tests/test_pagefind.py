"""The optional Pagefind search (`pagefind: true`): chunked static index and a "Cari SOP" page."""

from __future__ import annotations

import json
import time

from browser import SiteServer
from conftest import SMALL_SITE_CONFIG
from sops import sop_yaml, step


def sop(number, title):
    return sop_yaml(title, number, organisasi=["Pemerintah Kota Uji"], tanggal_pengesahan=None, langkah=[step("Bekerja", "Lurah")])


def test_pagefind_search_finds_sops_by_number_and_words(small_site, browser):
    (small_site.root / "mkdocs.yml").write_text(
        SMALL_SITE_CONFIG.replace("  - sopbook\n", "  - sopbook:\n      pagefind: true\n")
    )
    small_site.add("a.yml", sop("28.8.1.10", "Penyusunan Laporan Capaian Kinerja"))
    small_site.add("b.yml", sop("BKPSDM.1.7-2017", "Penyusunan Laporan Kinerja"))
    small_site.add("c.yml", sop("3.1.2.6", "Administrasi Surat Masuk"))
    done = small_site.build()
    assert done.returncode == 0, done.stderr
    assert (small_site.site / "pagefind" / "pagefind-entry.json").exists()
    page = small_site.page("cari")
    assert page.select_one("#sopbook-pagefind")["data-bundle"] == "../pagefind/"
    server = SiteServer(small_site.site)
    tab = browser.new_page()
    try:
        tab.goto(server.url + "cari/")
        for query, expected in [
            ("28.8.1.10", "/sop/pemerintah-kota-uji/28.8.1.10/"),
            ("28.8", "/sop/pemerintah-kota-uji/28.8.1.10/"),
            ("BKPSDM.1.7-2017", "/sop/pemerintah-kota-uji/bkpsdm.1.7-2017/"),
            ("surat masuk", "/sop/pemerintah-kota-uji/3.1.2.6/"),
        ]:
            # clear first: the previous query's results stay on screen until new ones come
            tab.eval(
                "(() => { const i = document.querySelector('.pagefind-ui__search-input'); i.value = '';"
                " i.dispatchEvent(new Event('input', {bubbles: true})); })()"
            )
            tab.wait_until("document.querySelectorAll('.pagefind-ui__result-link').length === 0")
            tab.eval(
                "(() => { const i = document.querySelector('.pagefind-ui__search-input'); i.value = %s;"
                " i.dispatchEvent(new Event('input', {bubbles: true})); })()" % json.dumps(query)
            )
            # results fill in one by one as their fragments load: wait until every one has its
            # link and the list stops changing
            deadline = time.monotonic() + 20
            links: list[str] = []
            previous = None
            while time.monotonic() < deadline:
                time.sleep(0.3)
                links = tab.eval(
                    "document.querySelectorAll('.pagefind-ui__result').length === "
                    "document.querySelectorAll('.pagefind-ui__result-inner > .pagefind-ui__result-title > .pagefind-ui__result-link').length ? "
                    "[...document.querySelectorAll('.pagefind-ui__result-inner > .pagefind-ui__result-title > .pagefind-ui__result-link')]"
                    ".map(a => new URL(a.href).pathname) : []"
                )
                if links and links == previous:
                    break
                previous = links
            assert links and links[0] == expected, (query, links)
        # Indonesian interface, although this site's theme has no language (<html lang="en">)
        assert tab.eval("document.querySelector('.pagefind-ui__search-input').placeholder") == (
            "Nomor SOP atau kata dari judul dan isinya"
        )
        assert tab.eval("document.querySelector('.pagefind-ui__message').textContent").endswith("hasil untuk surat masuk")
        assert tab.eval("document.querySelector('.pagefind-ui__search-clear').textContent") == "Hapus"
        assert tab.console_errors() == []
        assert [u for u in tab.requested_urls() if not u.startswith((server.url, "data:"))] == []
    finally:
        tab.close()
        server.close()
