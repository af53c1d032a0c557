"""The official layout in a real headless Chromium: desktop, phone, light and dark."""

from __future__ import annotations

import pytest

from browser import ARTIFACTS, SiteServer

SEED_PAGE = "sop/pemerintah-kota-madiun/kecamatan-manguharjo/kelurahan-pangongangan/28.8.1.10/"

GEOMETRY = """(() => {
  const table = document.querySelector('table.sop-procedure');
  const scroll = table.closest('.sop-scroll');
  const rect = table.getBoundingClientRect();
  const uraian = table.querySelector('tbody td.sop-uraian').getBoundingClientRect();
  return {
    viewport: window.innerWidth,
    pageWidth: document.documentElement.scrollWidth,
    tableLeft: rect.left, tableRight: rect.right, tableHeight: rect.height,
    scrollClient: scroll.clientWidth, scrollWidth: scroll.scrollWidth,
    overflowX: getComputedStyle(scroll).overflowX,
    uraianWidth: uraian.width,
    rows: table.querySelectorAll('tbody tr').length,
  };
})()"""


@pytest.fixture(scope="module")
def server(portal_site):
    srv = SiteServer(portal_site)
    yield srv
    srv.close()


def test_desktop_shows_the_whole_procedure_table(server, page):
    page.goto(server.url + SEED_PAGE, width=1280, height=900)
    page.screenshot(ARTIFACTS / "layout-1280.png", full_page=True)
    g = page.eval(GEOMETRY)
    assert g["rows"] == 6 and g["tableHeight"] > 200
    assert 0 <= g["tableLeft"] and g["tableRight"] <= g["viewport"]
    assert g["scrollWidth"] <= g["scrollClient"] + 1, "table clipped at 1280 px"
    assert page.console_errors() == []


def test_phone_scrolls_the_table_sideways_instead_of_crushing_it(server, page):
    page.goto(server.url + SEED_PAGE, width=390, height=844)
    page.eval("document.querySelector('input.sop-view-toggle').click()")  # table instead of step cards
    page.screenshot(ARTIFACTS / "layout-390.png", full_page=True)
    g = page.eval(GEOMETRY)
    assert g["pageWidth"] <= g["viewport"], "the page itself must not scroll sideways"
    assert g["overflowX"] == "auto" and g["scrollWidth"] > g["scrollClient"]
    assert g["uraianWidth"] >= 200, "Uraian Prosedur column crushed"
    # scrolled to the end, the last column is on screen
    right = page.eval("""(() => { const s = document.querySelector('.sop-scroll:has(.sop-procedure)');
        s.scrollLeft = s.scrollWidth; const th = s.querySelector('th.sop-col-keterangan').getBoundingClientRect();
        return [th.left, th.right, window.innerWidth]; })()""")
    assert 0 <= right[0] and right[1] <= right[2] + 1


def test_dark_palette_is_readable(server, page):
    page.goto(server.url + SEED_PAGE, width=1280, height=900, dark=True)
    page.screenshot(ARTIFACTS / "layout-1280-dark.png")
    colours = page.eval("""(() => {
      const lum = c => { const [r, g, b] = c.match(/[\\d.]+/g).map(Number); return (0.2126*r + 0.7152*g + 0.0722*b) / 255; };
      const cell = document.querySelector('td.sop-uraian');
      return {scheme: document.body.getAttribute('data-md-color-scheme'),
              text: lum(getComputedStyle(cell).color),
              bg: lum(getComputedStyle(document.body).backgroundColor),
              border: getComputedStyle(cell).borderTopColor};
    })()""")
    assert colours["scheme"] == "slate"
    assert colours["bg"] < 0.3 and colours["text"] > 0.6
