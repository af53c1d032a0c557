"""Where a first `mkdocs build` spends its time, phase by phase, in the main process.

    python bench/profile.py --n 10000        # generate N SOPs (generate.py), build once, print

CPU seconds of the build process (not of the page-rendering children, which run beside it)
in each phase: loading and validating, MkDocs' files and navigation, the pages rendered
ahead (`plugin/ahead.py`: this process's share, its page bodies and theme templates), MkDocs'
own loop over pages already done, and the rest. Wall time is printed too: on an idle machine
the build takes about as long as its main process's CPU time.
"""

from __future__ import annotations

import argparse
import collections
import logging
import resource
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from generate import make_sops, write_sopbook_project  # noqa: E402

NESTED = "  of which "


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1000, help="number of SOPs (default 1000)")
    parser.add_argument("--out", default=str(HERE / "out" / "profile"), help="work folder")
    args = parser.parse_args()
    root = Path(args.out) / f"n{args.n}"
    shutil.rmtree(root, ignore_errors=True)
    write_sopbook_project(root, make_sops(args.n))

    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config

    from sopbook.plugin.fast import ahead
    from sopbook.plugin import plugin

    spent: collections.Counter[str] = collections.Counter()
    calls: collections.Counter[str] = collections.Counter()

    def timed(owner, name: str, label: str) -> None:
        original = getattr(owner, name)

        def wrapper(*a, **k):
            start = time.process_time()
            try:
                return original(*a, **k)
            finally:
                spent[label] += time.process_time() - start
                calls[label] += 1

        setattr(owner, name, wrapper)

    build_page = mkdocs_build._build_page

    def page(page, config, *a, **k):
        sopbook, uri = config.plugins["sopbook"], page.file.src_uri
        if sopbook._ahead.done(uri):
            label = "MkDocs' loop over the pages done ahead"
        elif sopbook._ahead.deferred(uri):
            label = NESTED + "theme template, search entry, write"
        else:
            label = "MkDocs' loop: the other pages"
        start = time.process_time()
        try:
            return build_page(page, config, *a, **k)
        finally:
            spent[label] += time.process_time() - start
            calls[label] += 1

    mkdocs_build._build_page = page
    timed(plugin.SopbookPlugin, "on_pre_build", "loading, validating, catalogue, references")
    timed(plugin.SopbookPlugin, "on_files", "generated files, catalogue.json")
    timed(plugin.SopbookPlugin, "on_nav", "sopbook's navigation, page digests")
    timed(mkdocs_build, "get_navigation", "MkDocs' navigation")
    timed(mkdocs_build, "_populate_page", "MkDocs reads pages (bodies left for later)")
    timed(plugin.SopbookPlugin, "_body", NESTED + "sopbook's page bodies")
    timed(ahead.AheadRenderer, "run", "pages rendered ahead (this process's share)")

    logging.basicConfig(level=logging.ERROR)
    config = load_config(str(root / "mkdocs.yml"))
    wall, cpu = time.perf_counter(), time.process_time()
    mkdocs_build.build(config)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"N={args.n}: wall {wall:.1f} s, main process CPU {cpu:.1f} s, "
          f"child processes CPU {children.ru_utime + children.ru_stime:.1f} s")
    accounted = sum(v for k, v in spent.items() if not k.startswith(NESTED))
    print(f"{'CPU s':>7} {'share':>6} {'calls':>7}  phase (main process)")
    for label, seconds in spent.most_common():
        print(f"{seconds:7.2f} {100 * seconds / cpu:5.1f}% {calls[label]:7d}  {label}")
    print(f"{cpu - accounted:7.2f} {100 * (cpu - accounted) / cpu:5.1f}%          the rest (MkDocs' set-up, theme files, "
          "sitemap, search index)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
