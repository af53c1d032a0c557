"""`bench/run.py --only serve` keeps working: it measures edit -> served under one `mkdocs
serve --dirty` for several edits in a row and reads each quick update's CPU time from the
server's log. No timing is asserted (that is the benchmark's job)."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_only_serve_measures_every_edit(tmp_path, mkdocs, slow):
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--only", "serve", "--sizes", "30", "--repeat", "2",
         "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    walls = re.search(r"N=30: edit -> served s: ([0-9. ]+) \(median", done.stdout)
    cpus = re.search(r"N=30: quick update CPU s \(in-process\): ([0-9. ]+) \(median .*full rebuilds: 0", done.stdout)
    assert walls and len(walls.group(1).split()) == 2, done.stdout
    assert cpus and len(cpus.group(1).split()) == 2, done.stdout  # both edits were quick updates
    assert re.search(r"^(PASS|FAIL)  edit -> served \(mkdocs serve --dirty\) <= 1 s at N=30", done.stdout, re.M)
    # no full bench: no baseline project was written
    assert not (tmp_path / "n30" / "baseline").exists()
