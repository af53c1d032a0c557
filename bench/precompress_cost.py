"""What the `precompress` option costs a large portal: one `mkdocs build` of N synthetic SOPs
(bench/generate.py) without the copies, then the same copies written as the build would
(`sopbook.plugin.compress.precompress`, its thread pool), timed on their own.

    .venv/bin/python bench/precompress_cost.py --n 10000
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import make_sops, write_sopbook_project  # noqa: E402

from sopbook.plugin.compress import precompress  # noqa: E402


def folder_size(path: Path, suffix: str = "") -> int:
    return sum(p.stat().st_size for p in path.rglob(f"*{suffix}") if p.is_file())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sopbook-precompress-") as folder:
        project = Path(folder) / "project"
        write_sopbook_project(project, make_sops(args.n))
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOPBOOK_PRECOMPRESS": "0"}
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project, env=env, check=True)
        build = time.perf_counter() - started
        site = project / "site"
        before = folder_size(site)
        cpu = time.process_time()
        started = time.perf_counter()
        done = precompress(site)
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu
        print(f"N={args.n}: build without copies {build:.1f} s, site {before / 1e6:.0f} MB")
        print(
            f"precompress: {done.files} files, {done.original / 1e6:.0f} MB -> .gz {done.gzip / 1e6:.0f} MB"
            f" (+ .br {done.brotli / 1e6:.1f} MB beside the shared files), {seconds:.1f} s wall,"
            f" {cpu:.1f} s CPU, {seconds / build:.0%} of the build"
        )
        print(f"site with the copies: {folder_size(site) / 1e6:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
