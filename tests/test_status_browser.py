"""In Chromium: the catalogue's status column and filter; the banners as a reader sees them."""

from __future__ import annotations

import pytest

from browser import ARTIFACTS, SiteServer
from test_status import sop


@pytest.fixture
def site(small_site):
    small_site.add("a.yml", sop("1.1", "Layanan Lama", "status: dicabut\ndiganti_oleh: \"1.2\"\n"))
    small_site.add("b.yml", sop("1.2", "Layanan Baru", "status: draf\n"))
    small_site.add("c.yml", sop("1.3", "Layanan Tetap"))
    done = small_site.build()
    assert done.returncode == 0, done.stderr
    server = SiteServer(small_site.site)
    yield server
    server.close()


VISIBLE = "[...document.querySelectorAll('#sop-katalog tbody tr')].filter(r => !r.hidden)"


def test_catalogue_shows_status_and_filters_by_it(site, page):
    page.goto(site.url + "katalog/")
    page.wait_until("!document.getElementById('sop-filter-status').disabled")
    rows = page.eval(f"{VISIBLE}.map(r => [r.cells[0].textContent, r.querySelector('.sop-list-status').textContent])")
    assert rows == [["1.1", "Dicabut"], ["1.2", "Draf"], ["1.3", "Berlaku"]]
    page.screenshot(ARTIFACTS / "katalog-status.png")
    page.eval("(s => { s.value = 'berlaku'; s.dispatchEvent(new Event('change')); })(document.getElementById('sop-filter-status'))")
    assert page.eval(f"{VISIBLE}.map(r => r.cells[0].textContent)") == ["1.3"]
    assert page.eval("document.getElementById('sop-filter-count').textContent") == "1 dari 3 SOP ditampilkan"
    page.eval("(s => { s.value = 'dicabut'; s.dispatchEvent(new Event('change')); })(document.getElementById('sop-filter-status'))")
    assert page.eval(f"{VISIBLE}.map(r => r.cells[0].textContent)") == ["1.1"]


def test_revoked_banner_links_to_the_replacement(site, page):
    page.goto(site.url + "sop/pemerintah-kota-uji/dinas-uji/1.1/")
    page.wait_until("document.querySelector('.sop-status--dicabut') !== null")
    page.screenshot(ARTIFACTS / "sop-dicabut.png")
    target = page.eval("document.querySelector('.sop-replaced-by a').href")
    assert target.endswith("/sop/pemerintah-kota-uji/dinas-uji/1.2/")
    page.goto(target)
    page.wait_until("document.querySelector('.sop-status--draf') !== null")
    assert page.eval("document.querySelector('.sop-status--draf .admonition-title').textContent") == "DRAF — belum berlaku"
    page.screenshot(ARTIFACTS / "sop-draf.png")
