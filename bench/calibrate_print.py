"""The sheet plan's row heights (sopbook/printing/sheets.py) against Chromium's own layout.

Generates N SOPs (bench/generate.py), builds them, and for every procedure table printed with
the plan's column widths (`sop-paged`) measures each step row in Chromium with print media on
the A4 printable width, against the estimate. Rows next to a break are left out (they carry
the pentagons' room). An estimate below the measured height could let Chromium break a sheet
on its own; the plan is calibrated so that none is.

    .venv/bin/python bench/calibrate_print.py 120
"""
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent)); sys.path.insert(0, str(HERE))
from generate import make_sops, write_sopbook_project  # noqa: E402
from sopbook.printing.chromium import Chromium
from sopbook.printing.sheets import Metrics, column_widths, row_heights
from sopbook.drawing.flowchart import build_chart
from sopbook.sop.loading import load_file
n = int(sys.argv[1]) if len(sys.argv) > 1 else 30
root = HERE / "out" / "calibrate"
subprocess.run(["rm", "-rf", str(root)])
write_sopbook_project(root, make_sops(n), swimlane="off")
subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml")], cwd=root, check=True, capture_output=True)
m = Metrics.of("a4")
JS = """(() => { const t = document.querySelector('table.sop-procedure');
 return JSON.stringify({rows: [...t.querySelectorAll('tbody tr.sop-step')].map(r => r.getBoundingClientRect().height),
   head: t.querySelector('thead').getBoundingClientRect().height,
   edge: [...t.querySelectorAll('tbody tr.sop-step')].map(r => !!r.querySelector('td[data-print]'))}); })()"""
under = over = 0; ratios = []; worst = 0
with Chromium() as c:
    tab = c.tab()
    tab.call("Emulation.setDeviceMetricsOverride", width=int(m.width), height=int(m.height), deviceScaleFactor=1, mobile=False)
    tab.call("Emulation.setEmulatedMedia", media="print")
    tab.call("Emulation.setScriptExecutionDisabled", value=True)
    for f in sorted((root / "content").rglob("*.yml")):
        sop = load_file(f).sops[0].sop
        chart = build_chart(sop)
        cols = column_widths(sop, m, chart)
        est = row_heights(sop, chart, m, cols)
        pages = [p for p in (root / "site" / "sop").rglob("index.html") if f"data-sop-number=\"{sop.number}\"" in p.read_text()]
        if not pages: continue
        if 'sop-paged' not in pages[0].read_text(): continue  # auto layout: no plan
        tab.load(pages[0].as_uri())
        got = json.loads(tab.evaluate(JS))
        for i, (e, g, edge) in enumerate(zip(est, got["rows"], got["edge"])):
            if edge: continue  # rows next to a break carry the pentagons' room
            ratios.append(e / g); worst = min(worst, e - g)
            under += e < g - 0.5
            if e < g - 0.5:
                print(f"{f.name} row {i + 1}: estimate {e:.1f} px, measured {g:.1f} px")
print(f"rows {len(ratios)}  estimate/measured mean {sum(ratios)/len(ratios):.3f}  min {min(ratios):.3f}  max {max(ratios):.3f}  underestimated {under}  worst {worst:.1f}px")
