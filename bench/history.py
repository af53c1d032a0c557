"""Benchmark of the git-backed features: "Terakhir diubah" (one `git log` per build) and
`sopbook diff`, on a synthetic portal of N SOPs with a history of C commits.

    python bench/history.py --sizes 1000 --commits 50

Each commit edits 2 % of the SOPs (one step's Waktu). Prints wall times; nothing here is a
unit test. Figures on the shared 2-core machine are in bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from generate import make_sops, write_sopbook_project  # noqa: E402

from sopbook.portal.diff import diff_sops
from sopbook.portal.git import last_changed

ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.org",
    "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.org",
    "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
}


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, env=ENV, check=True, capture_output=True)


def run(n: int, commits: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_sopbook_project(root, make_sops(n))
        git(root, "init", "-q", "-b", "main")
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", "awal")
        files = sorted((root / "content").rglob("*.yml"))
        per_commit = max(1, n // 50)
        for c in range(commits):
            for path in files[(c * per_commit) % n : (c * per_commit) % n + per_commit]:
                data = yaml.safe_load(path.read_text())
                data["langkah"][0]["waktu"] = f"{c + 1} jam"
                path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
            git(root, "commit", "-q", "-am", f"ubah {c}")
        start = time.perf_counter()
        dates = last_changed(root / "content")
        t_log = time.perf_counter() - start
        start = time.perf_counter()
        one = diff_sops("HEAD~1", "HEAD", root / "content")
        t_one = time.perf_counter() - start
        start = time.perf_counter()
        many = diff_sops("HEAD~10", "HEAD", root / "content")
        t_many = time.perf_counter() - start
        print(f"N={n} commits={commits}: last_changed {t_log:.2f} s ({len(dates)} files dated); "
              f"diff of 1 commit {t_one:.2f} s ({len(one)} SOPs); diff of 10 commits {t_many:.2f} s ({len(many)} SOPs)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000")
    parser.add_argument("--commits", type=int, default=50)
    args = parser.parse_args()
    for n in (int(s) for s in args.sizes.split(",")):
        run(n, args.commits)


if __name__ == "__main__":
    main()
