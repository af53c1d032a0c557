"""Benchmark: sopbook against plain Markdown pages of the same SOPs, at several portal sizes.

    python bench/run.py --sizes 100,1000,10000     # full run (see bench/README.md)
    python bench/run.py --quick                    # N = 50, one build each: keeps the script working

For each N it generates N synthetic SOPs (bench/generate.py), builds the sopbook portal and, in
the same run, the baseline (the same SOPs as Markdown with the same tables and Mermaid source,
Material for MkDocs with navigation.prune, no sopbook), and prints wall time (median), the ratio,
peak RSS, search index size, site size, largest page, swimlane cost and the time `mkdocs serve`
takes to show an edited SOP. Targets are printed as PASS/FAIL; nothing here is a unit test.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from generate import make_sops, write_baseline_project, write_sopbook_project  # noqa: E402
from memory import PeakMemory  # noqa: E402
from searchcost import MATERIAL, PAGEFIND, search_bytes  # noqa: E402

# builds are compared with a baseline that writes no .gz/.br copies: the copies are measured
# on their own (bench/precompress_cost.py)
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "SOPBOOK_PRECOMPRESS": "0"}
BUILD = HERE / "_build.py"
MB = 1024 * 1024


@dataclass
class Figures:
    n: int
    sopbook: list[float] = field(default_factory=list)
    baseline: list[float] = field(default_factory=list)
    no_swimlane: list[float] = field(default_factory=list)
    cpu_sopbook: list[float] = field(default_factory=list)
    cpu_no_swimlane: list[float] = field(default_factory=list)
    rss_sopbook: int = 0
    rss_baseline: int = 0
    search_index: int = 0
    search_index_baseline: int = 0
    site: int = 0
    largest_page: int = 0
    largest_page_name: str = ""
    serve_seconds: float | None = None  # edit -> served by `mkdocs serve --dirty` (make serve)
    second_build: float = 0.0  # a whole build again, nothing changed (load cache warm)
    pagefind_build: float = 0.0
    material_search_bytes: int | None = None
    pagefind_search_bytes: int | None = None

    @property
    def ratio(self) -> float:
        return statistics.median(self.sopbook) / statistics.median(self.baseline)

    @property
    def swimlane_share(self) -> float:
        """Share of the build the swimlanes cost, from CPU time: the difference of two wall
        times on a shared 2-core machine is mostly noise at this size."""
        on, off = statistics.median(self.cpu_sopbook), statistics.median(self.cpu_no_swimlane)
        return max(0.0, (on - off) / on)


def build(project: Path) -> tuple[float, int, float]:
    """One `mkdocs build` in a fresh process: (wall seconds, peak memory bytes, CPU seconds).

    Memory is the peak of the summed PSS of the build process and its children (sampled every
    0.25 s; pages a forked child shares with its parent count once), or the process's own peak
    RSS if that is larger; CPU time includes the children (page-rendering processes)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, str(BUILD), str(project / "mkdocs.yml")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV, cwd=project,
    )
    memory = PeakMemory(process.pid)
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - start
    peak = memory.stop()
    if process.returncode != 0:
        sys.exit(f"build of {project} failed:\n{stdout[-3000:]}\n{stderr[-3000:]}")
    usage = json.loads(stdout.strip().splitlines()[-1])
    return seconds, max(peak, usage["maxrss_self"]), usage["cpu"]


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def largest_html(site: Path) -> tuple[int, str]:
    best = max((p.stat().st_size, str(p.relative_to(site))) for p in site.rglob("*.html"))
    return best


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_latency(project: Path, timeout: float = 1800, *, dirty: bool = True) -> float | None:
    """Seconds from saving an edited SOP to `mkdocs serve --dirty` (what `make serve` runs)
    serving the changed page."""
    edits = serve_edits(project, 1, timeout, dirty=dirty)
    return edits[0][0] if edits else None


_QUICK_LOG = re.compile(r"(?:quick update|pembaruan cepat), .*?([0-9.]+) (?:s|dtk) CPU")


def serve_edits(project: Path, count: int, timeout: float = 1800, *, dirty: bool = True) -> list[tuple[float, float | None]]:
    """`count` edits in a row, each to another SOP, under one `mkdocs serve --dirty`: for each,
    (seconds from saving the file to the changed page being served, CPU seconds of the update
    as the plugin logs it, or None after a full rebuild). Empty if the server never came up."""
    port = free_port()
    log_path = project / "serve.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", *(["--dirty"] if dirty else []),
         "-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")],
        stdout=open(log_path, "wb"), stderr=subprocess.STDOUT, env=ENV, cwd=project, start_new_session=True,
    )
    results: list[tuple[float, float | None]] = []
    try:
        catalogue_url = f"http://127.0.0.1:{port}/katalog/catalogue.json"
        deadline = time.monotonic() + timeout
        data = None
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(catalogue_url, timeout=5) as response:
                    data = json.loads(response.read())
                break
            except OSError:
                time.sleep(0.5)
        if data is None:
            return results
        files = sorted((project / "content").rglob("*.yml"))
        pages: dict[Path, str] = {}
        for i in range(count):
            target = files[(i * 7919) % len(files)]  # spread over the portal
            text = target.read_text(encoding="utf-8")
            if target not in pages:
                for sop in data["sop"]:
                    if f"nama: {sop['nama']}\n" in text:
                        pages[target] = f"http://127.0.0.1:{port}/{sop['url']}"
            page = pages.get(target)
            if page is None:
                continue
            marker = f"Diubah {time.time_ns()}"
            edited = text.replace("\nnama: ", f"\nnama: {marker} ", 1)
            time.sleep(1.5)  # let the watcher settle after the last build
            logged = len(_QUICK_LOG.findall(log_path.read_text(errors="replace")))
            start = time.perf_counter()
            target.write_text(edited, encoding="utf-8")
            served = None
            while time.monotonic() < deadline:
                try:
                    with urllib.request.urlopen(page, timeout=5) as response:
                        if marker in response.read().decode("utf-8"):
                            served = time.perf_counter() - start
                            break
                except OSError:
                    pass
                time.sleep(0.05)
            if served is None:
                break
            time.sleep(0.2)  # the log line follows the build
            cpu = _QUICK_LOG.findall(log_path.read_text(errors="replace"))[logged:]
            results.append((served, float(cpu[-1]) if cpu else None))
        return results
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def measure_serve(n: int, repeat: int, out: Path) -> None:
    """`--only serve`: edit -> served at N, `repeat` edits in a row under one server."""
    project = out / f"n{n}" / "sopbook-serve"
    if not (project / "mkdocs.yml").exists() or len(list((project / "content").rglob("*.yml"))) != n:
        shutil.rmtree(project, ignore_errors=True)
        write_sopbook_project(project, make_sops(n))
    edits = serve_edits(project, repeat)
    if not edits:
        print(f"N={n}: the server did not come up (see {project / 'serve.log'})")
        return
    walls = [wall for wall, _ in edits]
    cpus = [cpu for _, cpu in edits if cpu is not None]
    limit = 1.0 if n <= 1000 else 3.0
    print(f"N={n}: edit -> served s: {' '.join(f'{w:.2f}' for w in walls)} (median {statistics.median(walls):.2f})")
    print(f"N={n}: quick update CPU s (in-process): {' '.join(f'{c:.2f}' for c in cpus) or '-'}"
          f"{f' (median {statistics.median(cpus):.2f})' if cpus else ''}; full rebuilds: {len(edits) - len(cpus)}")
    median = statistics.median(walls)
    print(f"{'PASS' if median <= limit else 'FAIL'}  edit -> served (mkdocs serve --dirty) <= {limit:g} s at N={n}: {median:.2f} s")


def measure(n: int, repeat: int, out: Path, serve: bool) -> Figures:
    figures = Figures(n)
    root = out / f"n{n}"
    shutil.rmtree(root, ignore_errors=True)
    sops = make_sops(n)
    write_sopbook_project(root / "sopbook", sops)
    write_sopbook_project(root / "sopbook-noswim", sops, swimlane="off")
    write_sopbook_project(root / "sopbook-pagefind", sops, pagefind=True)
    write_baseline_project(root / "baseline", root / "sopbook")
    for _ in range(repeat):  # interleaved, so drift hits all three alike
        for project in ("sopbook", "sopbook-noswim", "sopbook-pagefind"):  # a first build: no cache
            shutil.rmtree(root / project / ".cache", ignore_errors=True)
        seconds, rss, cpu = build(root / "sopbook")
        figures.sopbook.append(seconds)
        figures.cpu_sopbook.append(cpu)
        figures.rss_sopbook = max(figures.rss_sopbook, rss)
        seconds, _, cpu = build(root / "sopbook-noswim")
        figures.no_swimlane.append(seconds)
        figures.cpu_no_swimlane.append(cpu)
        seconds, rss, _ = build(root / "baseline")
        figures.baseline.append(seconds)
        figures.rss_baseline = max(figures.rss_baseline, rss)
    # the same build again with nothing changed: the load cache of the last build is warm
    figures.second_build = build(root / "sopbook")[0]
    site = root / "sopbook" / "site"
    figures.search_index = (site / "search" / "search_index.json").stat().st_size
    figures.search_index_baseline = (root / "baseline" / "site" / "search" / "search_index.json").stat().st_size
    figures.site = folder_size(site)
    figures.largest_page, figures.largest_page_name = largest_html(site)
    # Search: Material's (one index downloaded whole) and Pagefind's (chunked), in Chromium
    figures.pagefind_build = build(root / "sopbook-pagefind")[0]
    query = sops[len(sops) // 2]["nomor"]
    measured = search_bytes(site, query, MATERIAL)
    figures.material_search_bytes = measured[0] if measured else None
    measured = search_bytes(root / "sopbook-pagefind" / "site", query, PAGEFIND)
    figures.pagefind_search_bytes = measured[0] if measured else None
    if serve:
        figures.serve_seconds = serve_latency(root / "sopbook")
    return figures


def report(all_figures: list[Figures]) -> bool:
    print()
    header = (
        f"{'N':>6} {'sopbook s':>10} {'baseline s':>11} {'ratio':>6} {'swim %':>7} {'RSS MB':>7} "
        f"{'base RSS':>8} {'search MB':>9} {'site MB':>8} {'max page KB':>11} {'2nd build s':>11} {'edit→served s':>13} "
        f"{'+pagefind s':>11} {'dl Material MB':>14} {'dl Pagefind MB':>14}"
    )
    print(header)
    print("-" * len(header))
    for f in all_figures:
        serve = f"{f.serve_seconds:.2f}" if f.serve_seconds is not None else "-"
        material = f"{f.material_search_bytes / MB:.2f}" if f.material_search_bytes else "-"
        pagefind = f"{f.pagefind_search_bytes / MB:.2f}" if f.pagefind_search_bytes else "-"
        print(
            f"{f.n:>6} {statistics.median(f.sopbook):>10.2f} {statistics.median(f.baseline):>11.2f} "
            f"{f.ratio:>6.2f} {100 * f.swimlane_share:>6.1f}% {f.rss_sopbook / MB:>7.0f} "
            f"{f.rss_baseline / MB:>8.0f} {f.search_index / MB:>9.2f} {f.site / MB:>8.1f} "
            f"{f.largest_page / 1024:>11.1f} {f.second_build:>11.2f} {serve:>13} {f.pagefind_build:>11.2f} {material:>14} {pagefind:>14}"
        )
    print()
    by_n = {f.n: f for f in all_figures}
    checks: list[tuple[str, bool | None, str]] = []
    notes: list[str] = []
    if 1000 in by_n:
        f = by_n[1000]
        checks.append(("sopbook <= 1.0x baseline at N=1000", f.ratio <= 1.0, f"{f.ratio:.2f}x"))
    for n, limit in ((1000, 1.0), (10000, 3.0)):
        if n in by_n:
            value = by_n[n].serve_seconds
            checks.append((f"edit -> served (mkdocs serve --dirty) <= {limit:g} s at N={n}",
                           value is not None and value <= limit, f"{value:.2f} s" if value is not None else "not measured"))
    for f in all_figures:
        if f.n in (1000, 10000):
            first = statistics.median(f.sopbook)
            checks.append((f"second build <= 0.5x the first at N={f.n}", f.second_build <= 0.5 * first,
                           f"{f.second_build / first:.2f}x ({f.second_build:.1f} s after {first:.1f} s)"))
    if 10000 in by_n:
        f = by_n[10000]
        checks.append(("sopbook <= 0.3x baseline at N=10000", f.ratio <= 0.3, f"{f.ratio:.2f}x"))
    if 1000 in by_n and 10000 in by_n:
        growth = statistics.median(by_n[10000].sopbook) / statistics.median(by_n[1000].sopbook)
        checks.append(("time(10000) / time(1000) <= 11", growth <= 11, f"{growth:.1f}"))
    largest = max(all_figures, key=lambda f: f.largest_page)
    checks.append(("largest page <= 150 KB at every N", largest.largest_page <= 150 * 1024,
                   f"{largest.largest_page / 1024:.0f} KB ({largest.largest_page_name}, N={largest.n})"))
    if 10000 in by_n:
        f = by_n[10000]
        checks.append(("peak memory (PSS of the build's processes) <= 2 GB at N=10000", f.rss_sopbook <= 2 * 1024 * MB,
                       f"{f.rss_sopbook / MB:.0f} MB"))
        value = f.pagefind_search_bytes
        checks.append(("search downloads <= 1 MB before showing results at N=10000 (pagefind: true)",
                       value is not None and value <= MB, f"{value / MB:.2f} MB" if value else "no result"))
        material = (f"downloads {f.material_search_bytes / MB:.1f} MB before its first result" if f.material_search_bytes
                    else "showed no result within 120 s")
        notes.append(f"Material's built-in search {material} at N=10000 (its whole index): "
                     "large portals should use pagefind: true")
    worst = max(all_figures, key=lambda f: f.swimlane_share)
    checks.append(("swimlanes <= 10% of build time (CPU)", worst.swimlane_share <= 0.10,
                   f"{100 * worst.swimlane_share:.1f}% (N={worst.n})"))
    ok = True
    for name, passed, value in checks:
        print(f"{'PASS' if passed else 'FAIL'}  {name}: {value}")
        ok &= bool(passed)
    for note in notes:
        print(f"note  {note}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,1000", help="comma-separated N (default 100,1000)")
    parser.add_argument("--repeat", type=int, default=3, help="builds per variant; the median is reported")
    parser.add_argument("--quick", action="store_true", help="N=50, one build each (CI smoke run)")
    parser.add_argument("--no-serve", action="store_true", help="skip the mkdocs serve measurement")
    parser.add_argument("--only", choices=["serve"], help="serve: only edit -> served (mkdocs serve --dirty), "
                        "--repeat edits in a row at each of --sizes; keeps the generated project between runs")
    parser.add_argument("--out", default=str(HERE / "out"), help="work folder (generated projects and sites)")
    parser.add_argument("--json", help="also write the figures to this JSON file")
    args = parser.parse_args()
    sizes = [50] if args.quick else [int(s) for s in args.sizes.split(",") if s.strip()]
    repeat = 1 if args.quick else args.repeat
    out = Path(args.out)
    print(f"sopbook benchmark: sizes {sizes}, {repeat} build(s) each, {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    if args.only == "serve":
        for n in sizes:
            measure_serve(n, repeat, out)
        return 0
    results = []
    for n in sizes:
        started = time.perf_counter()
        results.append(measure(n, repeat, out, serve=not args.no_serve))
        print(f"  N={n}: measured in {time.perf_counter() - started:.0f} s", flush=True)
    ok = report(results)
    if args.json:
        Path(args.json).write_text(json.dumps([f.__dict__ | {"ratio": f.ratio} for f in results], indent=1))
    return 0 if ok or args.quick else 1


if __name__ == "__main__":
    sys.exit(main())
