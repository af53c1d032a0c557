"""The connected flowchart in a real headless Chromium: a portal of the seed SOPs' structures
and the test decision SOPs (loops, a jump ahead, a shared step), at 1366 and 390 px, in dark
mode, printed to PDF and with JavaScript disabled. The drawn elements' boxes are measured:
every arrow head touches its target symbol, every line runs on into another line, a symbol or
an arrow head (nothing is left dangling when the browser picks the row heights)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import SMALL_SITE_CONFIG, SmallSite
from test_flowchart import LOOPS, SEEDS, SHARED, seed

from browser import ARTIFACTS, SiteServer
from sops import sop_dict, step
from sops import to_yaml
from sopbook.drawing.flowchart import transitions
from sopbook.sop.loading import load_paths
from sopbook.sop.model import Sop

CONFIG = SMALL_SITE_CONFIG.replace(
    "  font: false\n",
    "  font: false\n"
    "  palette:\n"
    '    - media: "(prefers-color-scheme: light)"\n'
    "      scheme: default\n"
    "      toggle: {icon: material/weather-night, name: Mode gelap}\n"
    '    - media: "(prefers-color-scheme: dark)"\n'
    "      scheme: slate\n"
    "      toggle: {icon: material/weather-sunny, name: Mode terang}\n",
)


def document(sop, number: str) -> str:
    data = sop.model_dump(by_alias=True, exclude_defaults=True, mode="json")
    data["nomor"] = number
    data["organisasi"] = ["Pemerintah Uji"]
    return to_yaml(data)


PAGES = {f"seed-{i}": (seed(name), f"9.{i}") for i, name in enumerate(sorted(SEEDS), start=1)}
PAGES["loops"] = (LOOPS, "9.10")
PAGES["shared"] = (SHARED, "9.11")
# rows as offices draw them (issue 23): the hand transcriptions of tests/realcharts
REAL = Path(__file__).parent / "realcharts"
for _i, _path in enumerate(sorted(p for p in REAL.glob("*.yml") if p.name != "expected.yml"), start=1):
    PAGES[f"real-{_path.stem}"] = (load_paths([_path]).sops[0].sop, f"9.2{_i}")
# the worked example of docs_build/format.md: a join round a symbol, Y/T, a skipped number
PAGES["office"] = (Sop.model_validate(sop_dict(nama="Contoh Bagan Alir", pelaksana=["Kepala Bagian Umum", "Sekretaris", "Tim SDM"], langkah=[
    step("Menerima", {"Kepala Bagian Umum": "mulai", "Tim SDM": "proses", "Sekretaris": "proses"}),
    step("Memeriksa", {"Tim SDM": "keputusan", "Sekretaris": "proses"},
         teks_simbol="Lengkap?", label_ya="Y", label_tidak="T", ya=4, tidak=6),
    step("Menyusun", "Tim SDM", no=4),
    step("Menandatangani", "Kepala Bagian Umum", simbol="selesai"),
    step("Mengembalikan", "Sekretaris", simbol="selesai"),
])), "9.30")


def url_of(number: str) -> str:
    return f"sop/pemerintah-uji/{number}/"


@pytest.fixture(scope="module")
def site(tmp_path_factory, mkdocs):
    project = SmallSite(tmp_path_factory.mktemp("flowchart") / "project", CONFIG)
    for name, (sop, number) in PAGES.items():
        project.add(f"{name}.yml", document(sop, number))
    done = project.build()
    assert done.returncode == 0, done.stdout + done.stderr
    server = SiteServer(project.site)
    yield server
    server.close()


# Everything measured in one pass over the drawn elements (client coordinates).
MEASURE = """(() => {
  const T = 2;
  const table = document.querySelector('table.sop-procedure');
  table.closest('.sop-scroll').scrollLeft = 0;
  const rect = el => el.getBoundingClientRect();
  const shown = el => { const r = rect(el); return getComputedStyle(el).display !== 'none' && (r.width > 0 || r.height > 0); };
  const symbols = {};
  for (const svg of table.querySelectorAll('svg.sop-fc-symbol')) {
    const r = rect(svg.querySelector('.sop-fc-shape'));
    (symbols[svg.dataset.step] = symbols[svg.dataset.step] || []).push(r);
  }
  const lines = [...table.querySelectorAll('svg.sop-fc-lines line')].filter(shown).map(l => {
    const r = rect(l); return r.width > r.height ? [[r.left, r.top + r.height / 2], [r.right, r.top + r.height / 2]]
                                               : [[r.left + r.width / 2, r.top], [r.left + r.width / 2, r.bottom]];
  });
  const onBox = (p, r) => p[0] >= r.left - T && p[0] <= r.right + T && p[1] >= r.top - T && p[1] <= r.bottom + T &&
    Math.min(Math.abs(p[0] - r.left), Math.abs(p[0] - r.right), Math.abs(p[1] - r.top), Math.abs(p[1] - r.bottom)) <= T;
  const onLine = (p, [a, b]) => p[0] >= Math.min(a[0], b[0]) - T && p[0] <= Math.max(a[0], b[0]) + T &&
    p[1] >= Math.min(a[1], b[1]) - T && p[1] <= Math.max(a[1], b[1]) + T;
  const arrows = [], misses = [];
  for (const a of table.querySelectorAll('svg.sop-fc-lines .sop-fc-arrow')) {
    if (!shown(a)) continue;
    const r = rect(a), dir = a.dataset.dir;
    const tip = dir === 'down' ? [r.left + r.width / 2, r.bottom] : dir === 'up' ? [r.left + r.width / 2, r.top]
      : dir === 'left' ? [r.left, r.top + r.height / 2] : [r.right, r.top + r.height / 2];
    const base = dir === 'down' ? [tip[0], r.top] : dir === 'up' ? [tip[0], r.bottom] : dir === 'left' ? [r.right, tip[1]] : [r.left, tip[1]];
    const targets = symbols[a.dataset.to] || [];
    const touches = targets.some(t => onBox(tip, t));
    const fed = lines.some(l => onLine(base, l));
    arrows.push({to: +a.dataset.to, dir, touches, fed});
    if (!touches || !fed) misses.push({to: a.dataset.to, tip, base, targets: targets.map(t => [t.left, t.top, t.right, t.bottom])});
  }
  const bases = [...table.querySelectorAll('svg.sop-fc-lines .sop-fc-arrow')].filter(shown).map(rect);
  // a line may also end at an off-page connector (a printed sheet's break, sheets.py)
  const pentagons = [...table.querySelectorAll('svg.sop-fc-lines .sop-fc-offpage polygon')].filter(shown).map(rect);
  const boxes = Object.values(symbols).flat().concat(pentagons);
  const dangling = [];
  lines.forEach((l, i) => {
    for (const p of l) {
      const ok = boxes.some(b => onBox(p, b)) || bases.some(b => onBox(p, b)) ||
                 lines.some((m, j) => j !== i && onLine(p, m));
      if (!ok) dangling.push(p);
    }
  });
  const steps = table.querySelectorAll('tbody tr.sop-step').length;
  const visibleSymbols = [...table.querySelectorAll('svg.sop-fc-symbol')].filter(shown).map(s => +s.dataset.step);
  return {steps, visibleSymbols, arrows, misses, dangling, lines: lines.length,
          labels: [...table.querySelectorAll('.sop-fc-label')].map(t => t.textContent)};
})()"""


def check(m: dict, sop) -> None:
    assert sorted(set(m["visibleSymbols"])) == sop.numbers, "a step has no visible symbol"
    if m["lines"]:  # the connected chart is shown (a layout may hide it on a phone's step cards)
        assert m["misses"] == [], m["misses"]
        assert m["dangling"] == [], m["dangling"]
        joins = [n for n, step in zip(sop.numbers, sop.steps) for _ in step.actors[1:]]
        assert sorted(a["to"] for a in m["arrows"]) == sorted([t.target for t in transitions(sop)] + joins)


@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize("width", [1366, 390])
def test_every_connector_touches_its_target_at_desktop_and_phone_widths(site, page, name, width):
    sop, number = PAGES[name]
    page.goto(site.url + url_of(number), width=width, height=900)
    page.screenshot(ARTIFACTS / f"flowchart-{name}-{width}.png", full_page=True)
    m = page.eval(MEASURE)
    check(m, sop)
    assert m["lines"] or width <= 600, "the desktop table shows the connected chart"
    assert page.console_errors() == []


def test_decision_sop_shows_both_loops(site, page):
    page.goto(site.url + url_of(PAGES["loops"][1]), width=1366, height=900)
    page.eval("document.querySelector('table.sop-procedure').scrollIntoView()")
    page.screenshot(ARTIFACTS / "flowchart-loops-table.png")
    m = page.eval(MEASURE)
    check(m, LOOPS)
    assert sorted(m["labels"]) == ["Tidak", "Tidak", "Ya", "Ya"]
    into = {}
    for a in m["arrows"]:
        into.setdefault(a["to"], []).append(a["dir"])
    # loop 2 -> 1 arrives at step 1's side; loop 4 -> 2 at step 2 (besides the arrow from 1)
    assert into[1] == ["left"] and sorted(into[2]) == ["down", "down"]
    # the loops run upwards: a vertical line above each source, beside the symbols
    rows = page.eval("""[...document.querySelectorAll('tr.sop-step')].map(r => {
        const b = r.getBoundingClientRect(); return [b.top, b.bottom]; })""")
    assert len(rows) == 6
    names = page.eval("""[...document.querySelectorAll('svg.sop-fc-symbol')].map(s =>
        [s.getAttribute('aria-label'), s.querySelector('title').textContent])""")
    assert ["Langkah 2, keputusan, Petugas Loket"] * 2 in [list(n) for n in names]


@pytest.mark.parametrize("name", ["loops", "office"])
def test_dark_mode_draws_the_chart_in_the_text_colour(site, page, name):
    page.goto(site.url + url_of(PAGES[name][1]), width=1366, height=900, dark=True)
    page.eval("document.querySelector('table.sop-procedure').scrollIntoView()")
    page.screenshot(ARTIFACTS / f"flowchart-{name}-dark.png")
    colours = page.eval("""(() => {
      const lum = c => { const [r, g, b] = c.match(/[\\d.]+/g).map(Number); return (0.2126*r + 0.7152*g + 0.0722*b) / 255; };
      const line = document.querySelector('svg.sop-fc-lines line');
      const shape = document.querySelector('svg.sop-fc-symbol .sop-fc-shape');
      const number = document.querySelector('svg.sop-fc-symbol text');
      return {scheme: document.body.getAttribute('data-md-color-scheme'),
              line: lum(getComputedStyle(line).stroke), shape: lum(getComputedStyle(shape).stroke),
              number: lum(getComputedStyle(number).fill), bg: lum(getComputedStyle(document.body).backgroundColor)};
    })()""")
    assert colours["scheme"] == "slate" and colours["bg"] < 0.3
    assert min(colours["line"], colours["shape"], colours["number"]) > 0.6
    check(page.eval(MEASURE), PAGES[name][0])


def test_chart_is_whole_with_javascript_disabled(site, page):
    page.send("Emulation.setScriptExecutionDisabled", value=True)
    try:
        page.goto(site.url + url_of(PAGES["loops"][1]), width=1366, height=900)
        page.screenshot(ARTIFACTS / "flowchart-loops-noscript.png", full_page=True)
    finally:
        page.send("Emulation.setScriptExecutionDisabled", value=False)
    # measured as drawn without scripts: re-enabling scripts does not re-render the page
    m = page.eval(MEASURE)
    check(m, LOOPS)
    assert m["lines"] > 0


@pytest.mark.parametrize("name", sorted(PAGES))
def test_printed_chart_is_whole(site, page, name, tmp_path):
    sop, number = PAGES[name]
    page.goto(site.url + url_of(number), width=1366, height=900)
    page.send("Emulation.setEmulatedMedia", media="print")
    # the sheet is A4 landscape (printing/paper.py): 1123 x 794 CSS px
    page.send("Emulation.setDeviceMetricsOverride", width=1123, height=794, deviceScaleFactor=1, mobile=False)
    check(page.eval(MEASURE), sop)
    pdf = ARTIFACTS / f"flowchart-{name}-print.pdf"
    pdf.parent.mkdir(parents=True, exist_ok=True)
    pdf.write_bytes(page.print_pdf())
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", str(pdf), str(ARTIFACTS / f"flowchart-{name}-print")], check=True)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    branches = [t.label for t in transitions(sop) if t.label]
    for label in set(branches):
        assert text.count(label) >= branches.count(label), json.dumps(text[:500])
