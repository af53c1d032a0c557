"""A change of code against a base revision's, on the same machine at the same time: first and
second builds of one generated portal, alternating the two codes, so that a busy machine slows
both alike. Prints the medians and the ratio new/base of CPU seconds (less sensitive to other
load than wall time) and of wall time.

    .venv/bin/python bench/same_speed.py BASE [--n 1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(HERE))

from generate import make_sops, write_sopbook_project  # noqa: E402
from same_site import RUN_MKDOCS, package_of  # noqa: E402  (mkdocs with sopbook from a given folder)

MEASURE = RUN_MKDOCS.replace(
    "from mkdocs.__main__ import cli\nsys.argv[0] = \"mkdocs\"\ncli()\n",
    "import resource, json, logging\n"
    "from mkdocs.commands.build import build\nfrom mkdocs.config import load_config\n"
    "logging.basicConfig(level=logging.ERROR)\n"
    "build(load_config(sys.argv[1]))\n"
    "own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(json.dumps({'cpu': own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime}))\n",
)


def build(code: Path, project: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds with the children) of one `mkdocs build`."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", MEASURE, str(code), str(project / "mkdocs.yml")],
                          capture_output=True, text=True, cwd=project)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"build with {code} failed:\n{done.stderr[-3000:]}")
    return wall, json.loads(done.stdout.strip().splitlines()[-1])["cpu"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", help="git revision to compare with")
    parser.add_argument("--n", type=int, default=1000, help="SOPs in the generated portal (default 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="builds of each kind per code (default 3)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        base_code = package_of(args.base, tmp_path / "base")
        sops = make_sops(args.n)
        codes = {"base": base_code, "new": ROOT}
        results: dict[tuple[str, str], list[tuple[float, float]]] = {}
        for _ in range(args.repeat):
            for name, code in codes.items():
                project = tmp_path / f"portal-{name}"
                shutil.rmtree(project, ignore_errors=True)
                write_sopbook_project(project, sops)
                results.setdefault((name, "first"), []).append(build(code, project))
                results.setdefault((name, "second"), []).append(build(code, project))
    print(f"N={args.n}, {args.repeat} build(s) of each kind per code; medians (wall s / CPU s):")
    for kind in ("first", "second"):
        base_wall = statistics.median(w for w, _ in results[("base", kind)])
        base_cpu = statistics.median(c for _, c in results[("base", kind)])
        new_wall = statistics.median(w for w, _ in results[("new", kind)])
        new_cpu = statistics.median(c for _, c in results[("new", kind)])
        print(f"  {kind} build: {args.base} {base_wall:.2f} / {base_cpu:.2f}   working tree {new_wall:.2f} / "
              f"{new_cpu:.2f}   new/base: wall {new_wall / base_wall:.2f}x, CPU {new_cpu / base_cpu:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
