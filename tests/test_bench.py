"""The benchmark keeps working: its quick mode (N = 50) runs and prints every figure.

No timing is asserted here: speed and memory targets are the benchmark's job (bench/README.md).
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_quick_benchmark_prints_all_figures(tmp_path, mkdocs, slow):
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=900,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    header = next(line for line in lines if line.strip().startswith("N "))
    for column in ("sopbook s", "baseline s", "ratio", "swim %", "RSS MB", "search MB", "site MB", "max page KB", "2nd build s", "edit→served s", "+pagefind s", "dl Material MB", "dl Pagefind MB"):
        assert column in header
    row = next(line for line in lines if line.strip().startswith("50 "))
    cells = row.split()
    assert len(cells) == 15 and "-" not in cells  # every figure measured: second build, serve latency, search downloads
    assert any(line.startswith(("PASS", "FAIL")) and "largest page" in line for line in lines)
    # both portals were really built
    assert (tmp_path / "n50" / "sopbook" / "site" / "katalog" / "catalogue.json").exists()
    assert len(list((tmp_path / "n50" / "baseline" / "site" / "sop").rglob("index.html"))) >= 50
