"""The SOP page on a desktop and a phone, in a real headless Chromium, light and dark.

The portal is tests/layout_portal/ (copies of the five seeds, the two samples they reference and
a synthetic SOP with eight actors, owned by the tests). Every SOP page is checked at 390, 768,
1366 and 1920 px: at 1366 px and wider the whole procedure table is visible without sideways
scrolling; on a phone the procedure reads as step cards and nothing scrolls sideways. Full-page
screenshots of every SOP page at every width go to tests/artifacts/layout/.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from browser import ARTIFACTS, SiteServer
from conftest import ROOT, mkdocs_build

PORTAL = Path(__file__).parent / "layout_portal"
AXE = ROOT / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = ARTIFACTS / "layout"

CONFIG = f"""\
site_name: Portal Uji Tata Letak
docs_dir: docs
theme:
  name: material
  language: id
  font: false
  features: [navigation.prune, navigation.indexes, navigation.path]
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      toggle: {{icon: material/weather-night, name: Mode gelap}}
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      toggle: {{icon: material/weather-sunny, name: Mode terang}}
plugins:
  - search
  - sopbook:
      content_dir: {json.dumps(str(PORTAL))}
"""

WIDTHS = [390, 768, 1366, 1920]

MEASURE = """(() => {
  const box = r => ({left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height});
  // what a reader sees in a cell: its text with the labels drawn by CSS (::before, ::after)
  const pseudo = (el, which) => { const c = getComputedStyle(el, which).content;
    return /^".*"$/s.test(c) ? c.slice(1, -1).replace(/\\\\(.)/g, '$1') : ''; };
  const seen = tr => [...tr.children].filter(td => getComputedStyle(td).display !== 'none')
    .map(td => ({r: td.getBoundingClientRect(),
                 t: [pseudo(td, '::before'), td.innerText, pseudo(td, '::after')].join(' ').replace(/\\s+/g, ' ').trim()}))
    .sort((a, b) => { const dy = (a.r.top + a.r.bottom - b.r.top - b.r.bottom) / 2;
      return Math.abs(dy) > 3 ? dy : a.r.left - b.r.left; }).map(c => c.t).join('\\n');
  const table = document.querySelector('table.sop-procedure');
  const scroll = table.closest('.sop-scroll');
  const steps = [...table.querySelectorAll('tbody tr.sop-step')];
  const total = table.querySelector('tfoot tr');
  return {
    viewport: window.innerWidth,
    documentWidth: document.documentElement.scrollWidth,
    scrollWidth: scroll.scrollWidth, clientWidth: scroll.clientWidth,
    tableDisplay: getComputedStyle(table).display,
    headers: [...table.querySelectorAll('thead th')].map(th => ({text: th.innerText.trim(), ...box(th.getBoundingClientRect())})),
    fontSizes: [...table.querySelectorAll('tbody td.sop-uraian, tbody td.sop-output, thead th')].map(el => parseFloat(getComputedStyle(el).fontSize)),
    cards: steps.map(tr => ({text: seen(tr), ...box(tr.getBoundingClientRect()),
      marks: [...tr.querySelectorAll('td.sop-mark')].map(td => td.dataset.label),
      visible: getComputedStyle(tr).visibility === 'visible' && getComputedStyle(tr).display !== 'none'})),
    total: total ? {text: seen(total), ...box(total.getBoundingClientRect())} : null,
  };
})()"""


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory, mkdocs) -> Path:
    project = tmp_path_factory.mktemp("layout-portal")
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# Beranda\n")
    (project / "mkdocs.yml").write_text(CONFIG)
    done = mkdocs_build(project)
    assert done.returncode == 0, done.stdout + done.stderr
    return project / "site"


@pytest.fixture(scope="module")
def sop_pages(portal: Path) -> list[str]:
    pages = sorted(
        str(path.parent.relative_to(portal)) + "/"
        for path in portal.glob("sop/**/index.html")
        if 'class="sop-procedure' in path.read_text(encoding="utf-8")
    )
    assert len(pages) == len(list(PORTAL.rglob("*.yml")))
    return pages


@pytest.fixture(scope="module")
def server(portal: Path):
    srv = SiteServer(portal)
    yield srv
    srv.close()


def shot_name(url_path: str, width: int, dark: bool) -> str:
    slug = re.sub(r"[^A-Za-z0-9.]+", "-", url_path.strip("/").removeprefix("sop/"))
    return f"{slug}-{width}{'-gelap' if dark else ''}.png"


def each_sop_light_and_dark(page, server, sop_pages: list[str], width: int, height: int = 900):
    """Visits every SOP page at `width`, yielding (url_path, dark) twice: in the light palette,
    then (same page, no reload) after Material's palette switch in the header turned it dark.
    A full-page screenshot of the light page; of the dark one, the screen at Prosedur."""
    for url_path in sop_pages:
        page.goto(server.url + url_path, width=width, height=height)
        page.screenshot(SHOTS / shot_name(url_path, width, False), full_page=True)
        yield url_path, False
        page.eval("document.querySelector('[data-md-component=palette] label:not([hidden])').click()")
        page.wait_until("document.body.getAttribute('data-md-color-scheme') === 'slate'")
        page.eval("document.querySelector('#prosedur').scrollIntoView({behavior: 'instant'})")
        page.screenshot(SHOTS / shot_name(url_path, width, True))
        yield url_path, True


@pytest.mark.parametrize("width", [1366, 1920])
def test_desktop_shows_the_whole_procedure_table_of_every_sop(server, page, sop_pages, width):
    for url_path, dark in each_sop_light_and_dark(page, server, sop_pages, width):
        m = page.eval(MEASURE)
        assert m["tableDisplay"] == "table", url_path
        assert m["scrollWidth"] <= m["clientWidth"], f"{url_path}: table scrolls sideways at {width} px (dark: {dark})"
        assert m["documentWidth"] <= m["viewport"], f"{url_path}: page scrolls sideways at {width} px (dark: {dark})"
        for header in m["headers"]:
            assert 0 <= header["left"] and header["right"] <= m["viewport"], (url_path, width, dark, header)
        assert min(m["fontSizes"]) >= 12, f"{url_path}: type below 12 px at {width} px"
        assert page.console_errors() == [], url_path


def test_tablet_keeps_the_table_inside_its_own_scroll_box(server, page, sop_pages):
    for url_path, dark in each_sop_light_and_dark(page, server, sop_pages, 768, 1024):
        m = page.eval(MEASURE)
        assert m["tableDisplay"] == "table", url_path
        assert m["documentWidth"] <= m["viewport"], f"{url_path}: page scrolls sideways at 768 px (dark: {dark})"
        assert min(m["fontSizes"]) >= 12, url_path


def test_phone_reads_the_procedure_as_step_cards(server, page, sop_pages):
    for url_path, dark in each_sop_light_and_dark(page, server, sop_pages, 390, 844):
        m = page.eval(MEASURE)
        assert m["documentWidth"] <= m["viewport"], f"{url_path}: page scrolls sideways at 390 px (dark: {dark})"
        assert m["tableDisplay"] == "block", url_path
        assert m["cards"], url_path
        for number, card in enumerate(m["cards"], start=1):
            assert card["visible"] and card["height"] > 40, (url_path, dark, number)
            assert 0 <= card["left"] and card["right"] <= m["viewport"], (url_path, number, card)
            lines = [line.strip() for line in card["text"].splitlines() if line.strip()]
            assert lines[0] == f"Langkah {number}", (url_path, lines)
            for actor in card["marks"]:  # every actor of the step is named on the card
                assert actor in card["text"], (url_path, number, actor)
        previous = 0.0
        for card in m["cards"]:  # one below the other, in order
            assert card["top"] >= previous - 1
            previous = card["bottom"]
        if m["total"]:
            assert m["total"]["top"] >= m["cards"][-1]["bottom"]
            assert "Total Waktu Penyelesaian".upper() in m["total"]["text"].upper()
        assert page.console_errors() == [], url_path


def test_step_card_names_its_parts_and_decision_targets(server, page, sop_pages):
    url_path = next(p for p in sop_pages if "9.9.9.8" in p)
    page.goto(server.url + url_path, width=390, height=844)
    cards = page.eval(MEASURE)["cards"]
    first = cards[0]["text"]
    for label in ("Kelengkapan", "Waktu", "Output"):
        assert label in first
    assert "Pemohon" in first and "Formulir F-1.02" in first and "5 menit" in first
    decision = cards[1]["text"]
    assert "Ya → 3" in decision and "Tidak → 1" in decision and "Keterangan" in decision
    shared = cards[2]
    assert shared["marks"] == ["Petugas Loket Pelayanan", "Operator SIAK"]
    # Keterangan naming another SOP keeps its link on the card
    link = page.eval("""(() => { const a = document.querySelectorAll('tr.sop-step')[7].querySelector('td.sop-keterangan a');
        const r = a.getBoundingClientRect(); return [a.getAttribute('href'), r.width, r.height]; })()""")
    assert link[0] and link[1] > 0 and link[2] > 0


def test_phone_table_is_one_click_away(server, page, sop_pages):
    url_path = next(p for p in sop_pages if "9.9.9.8" in p)
    page.goto(server.url + url_path, width=390, height=844)
    label = page.eval("""(() => { const l = document.querySelector('label.sop-view-label');
        l.scrollIntoView({block: 'center', behavior: 'instant'}); const r = l.getBoundingClientRect();
        return [l.innerText, r.left + r.width / 2, r.top + r.height / 2]; })()""")
    assert label[0] == "Tampilkan sebagai tabel"
    for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
        page.send("Input.dispatchMouseEvent", type=kind, x=label[1], y=label[2], button="left", clickCount=1)
    m = page.eval(MEASURE)
    assert m["tableDisplay"] == "table"
    assert [h["text"] for h in m["headers"]][:2] == ["No", "Uraian Prosedur"]
    assert all(h["height"] > 0 for h in m["headers"])
    assert m["documentWidth"] <= m["viewport"], "the table scrolls inside its box, not the page"
    assert m["scrollWidth"] > m["clientWidth"]
    page.screenshot(SHOTS / "tabel-390.png")


def test_phone_switch_between_cards_and_table_needs_no_script(server, page, sop_pages):
    page.send("Emulation.setScriptExecutionDisabled", value=True)
    page.goto(server.url + sop_pages[0], width=390, height=844)
    display = "getComputedStyle(document.querySelector('table.sop-procedure')).display"
    assert page.eval(display) == "block"
    page.eval("document.querySelector('input.sop-view-toggle').checked = true")
    assert page.eval(display) == "table"


def test_phone_stacks_each_section_heading_above_its_text(server, page, sop_pages):
    page.goto(server.url + sop_pages[0], width=390, height=844)
    order = page.eval("""(() => {
      const cells = [...document.querySelectorAll('table.sop-sections th, table.sop-sections td')];
      return cells.map(c => [c.innerText.split('\\n')[0].trim(), c.getBoundingClientRect().top, c.getBoundingClientRect().width]);
    })()""")
    tops = sorted(order, key=lambda cell: cell[1])
    headings = [text for text, _, _ in tops if text in (
        "Dasar Hukum", "Kualifikasi Pelaksana", "Keterkaitan", "Peralatan/Perlengkapan",
        "Peringatan", "Pencatatan dan Pendataan")]
    assert headings == ["Dasar Hukum", "Kualifikasi Pelaksana", "Keterkaitan", "Peralatan/Perlengkapan",
                        "Peringatan", "Pencatatan dan Pendataan"]
    # each heading is directly followed by its own text, full width
    for index in range(0, 12, 2):
        assert tops[index][0] == headings[index // 2]
        assert tops[index][2] > 300 and tops[index + 1][2] > 300
    label, value = page.eval("""(() => { const th = document.querySelector('table.sop-identity th');
        return [th.getBoundingClientRect().width, th.nextElementSibling.getBoundingClientRect().width]; })()""")
    assert label < value, "identity labels stay narrow on a phone"


def contrast_js(selector_expression: str) -> str:
    return """(() => {
  const parse = c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const bg = parse(getComputedStyle(document.body).backgroundColor);
  const over = c => [0, 1, 2].map(i => c[i] * c[3] + bg[i] * (1 - c[3]));
  const lum = c => { const s = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * s[0] + 0.7152 * s[1] + 0.0722 * s[2]; };
  const ratio = c => { const a = lum(over(c)), b = lum(bg); return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); };
  const el = %s;
  return el ? ratio(parse(el)) : null;
})()""" % selector_expression


@pytest.mark.parametrize("dark", [False, True], ids=["terang", "gelap"])
def test_table_lines_and_symbols_stand_out_from_the_page(server, page, sop_pages, dark):
    page.goto(server.url + sop_pages[0], width=1366, height=900, dark=dark)
    assert page.eval("document.body.getAttribute('data-md-color-scheme')") == ("slate" if dark else "default")
    line = page.eval(contrast_js("getComputedStyle(document.querySelector('td.sop-uraian')).borderTopColor"))
    assert line >= 3, f"table lines: contrast {line:.2f}"
    symbol = page.eval(contrast_js("""(() => { const cell = document.querySelector('td.sop-mark');
        const drawn = cell.querySelector('.sop-sym, svg [stroke], svg path, svg rect');
        if (!drawn) return getComputedStyle(cell).color;
        const s = getComputedStyle(drawn);
        return drawn.closest('svg') ? (s.stroke !== 'none' ? s.stroke : s.fill) : s.borderTopColor; })()"""))
    assert symbol >= 4.5, f"symbols: contrast {symbol:.2f}"


FOCUS = """(() => { let el = document.activeElement; if (!el || el === document.body) return null;
  const tag = el.tagName, cls = typeof el.className === 'string' ? el.className : '';
  let r = el.getBoundingClientRect();
  // a visually hidden control (Material's palette switch) shows its focus on the label after it
  if ((r.width < 2 || r.height < 2) && el.nextElementSibling && el.nextElementSibling.tagName === 'LABEL') {
    el = el.nextElementSibling; r = el.getBoundingClientRect(); }
  const s = getComputedStyle(el);
  return {tag, cls, outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0, shadow: s.boxShadow !== 'none',
    visible: r.width > 0 && r.height > 0}; })()"""


@pytest.mark.parametrize("width", [390, 1366])
def test_keyboard_focus_is_visible_on_everything_in_the_sop(server, page, sop_pages, width):
    url_path = next(p for p in sop_pages if "9.9.9.8" in p)
    page.goto(server.url + url_path, width=width, height=900)
    # start from the top of the SOP, as a keyboard user arriving by the skip link would
    page.eval("(() => { const a = document.querySelector('article.sop'); a.tabIndex = -1; a.focus(); })()")
    seen = []
    for _ in range(60):
        for kind in ("rawKeyDown", "keyUp"):
            page.send("Input.dispatchKeyEvent", type=kind, key="Tab", code="Tab", windowsVirtualKeyCode=9)
        if not page.eval("!!document.activeElement.closest('article.sop')"):
            break
        focus = page.eval(FOCUS)
        seen.append(focus)
        assert focus["visible"] and (focus["outline"] or focus["shadow"]), f"focus not visible on {focus}"
    classes = " ".join(f["cls"] for f in seen)
    assert "sop-scroll" in classes or width < 600, "procedure table not reachable by keyboard"
    assert "sop-ref" in classes, "links in the SOP not reached"
    if width < 600:
        assert "sop-view-toggle" in classes, "table switch not reachable by keyboard"


def axe_violations(page) -> list[dict]:
    assert AXE.is_file(), f"{AXE} is missing: `make test` (or `make axe`) installs axe-core from npm"
    page.eval(AXE.read_text(encoding="utf-8") + "\n;true")
    return page.eval("""axe.run(document, {resultTypes: ['violations']}).then(r => r.violations
        .filter(v => v.impact === 'serious' || v.impact === 'critical')
        .map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))})))""", timeout=120)


@pytest.mark.parametrize("dark", [False, True], ids=["terang", "gelap"])
def test_axe_finds_no_serious_violation(server, page, sop_pages, dark):
    unit = "sop/" + sop_pages[0].split("/")[1] + "/"
    eight = next(p for p in sop_pages if "9.9.9.8" in p)
    checks = [(sop_pages[0], 1366), (eight, 1366), (eight, 390), (unit, 1366), ("katalog/", 1366), ("katalog/", 390),
              ("pemantauan/", 1366), ("pemantauan/", 390)]
    for url_path, width in checks:
        page.goto(server.url + url_path, width=width, height=900, dark=dark)
        assert page.eval("!!document.querySelector('article.sop, table.sop-list')"), url_path
        violations = axe_violations(page)
        where = f"{url_path} at {width} px ({'gelap' if dark else 'terang'})"
        assert violations == [], where + ": " + json.dumps(violations, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("width", [390, 1366])
def test_signature_block_closes_the_form_as_in_the_seeds(server, page, sop_pages, width):
    url_path = next(p for p in sop_pages if "9.9.9.8" in p)
    page.goto(server.url + url_path, width=width, height=900)
    sig = page.eval("""(() => { const s = document.querySelector('.sop-signature'), a = document.querySelector('article.sop');
      const r = s.getBoundingClientRect(), ar = a.getBoundingClientRect(), t = document.querySelector('table.sop-procedure').getBoundingClientRect();
      return {lines: [...s.querySelectorAll('p')].map(p => p.innerText), left: r.left, right: r.right, top: r.top,
              articleLeft: ar.left, articleRight: ar.right, tableBottom: t.bottom, viewport: innerWidth}; })()""")
    # jabatan, (space for the signature), name, pangkat, NIP — below the procedure
    assert sig["lines"] == ["KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", "Drs. CONTOH NAMA, M.Si",
                            "Pembina Utama Muda", "NIP. 19700101 199503 1 001"]
    assert sig["top"] > sig["tableBottom"]
    assert 0 <= sig["left"] and sig["right"] <= sig["viewport"]
    if width >= 1366:  # on the right of the page, as signed on paper
        assert sig["left"] > (sig["articleLeft"] + sig["articleRight"]) / 2
