"""Proof that a change of code changes nothing for users: the site built by BASE and the site
built by the working tree are byte for byte the same.

    .venv/bin/python scripts/same_site.py BASE [PROJECT ...]

BASE is a git revision (e.g. `main`, `HEAD~3`); each PROJECT is a folder with an mkdocs.yml
(default: the repository itself, i.e. `content/`, and `tests/portal/`). Both builds use the
same Python environment, the same SOP files and mkdocs.yml (the working tree's), the same
date and commit, and no cache; only sopbook's own code (the `sopbook/` folder) differs. Exit
status 0 when every file of every site is the same, 1 with the list of differing files.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECTS = [ROOT, ROOT / "tests" / "portal"]


# `mkdocs build` with sopbook imported from the folder in argv[1] only: the editable install's
# finders (which would add the working tree's package) are taken out first.
RUN_MKDOCS = """
import sys
code = sys.argv.pop(1)
sys.meta_path[:] = [f for f in sys.meta_path if "__editable__" not in repr(f) and "__editable__" not in type(f).__module__]
sys.path_hooks[:] = [h for h in sys.path_hooks if "__editable__" not in repr(h)]
sys.path[:] = [code] + [p for p in sys.path if "__editable__" not in p]
sys.path_importer_cache.clear()
import sopbook.plugin
assert sopbook.plugin.__file__.startswith(code), sopbook.plugin.__file__
from mkdocs.__main__ import cli
sys.argv[0] = "mkdocs"
cli()
"""


def build(code: Path, project: Path, site: Path) -> None:
    """`mkdocs build` of `project` into `site`, with sopbook imported from `code`."""
    env = {**os.environ, "SOPBOOK_LANG": "id"}
    env.pop("PYTHONPATH", None)
    done = subprocess.run(
        [sys.executable, "-c", RUN_MKDOCS, str(code), "build", "--strict", "-q", "-f", str(project / "mkdocs.yml"),
         "-d", str(site)],
        env=env,
        cwd=project,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"mkdocs build of {project} with the code of {code} failed:\n{done.stderr}")


def package_of(revision: str, folder: Path) -> Path:
    """`folder` holding only the `sopbook/` package of `revision` (for `RUN_MKDOCS`): SOP files,
    mkdocs.yml and template overrides stay the working tree's."""
    folder.mkdir()
    archive = subprocess.run(["git", "archive", revision, "sopbook"], cwd=ROOT, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder


def differences(a: Path, b: Path) -> list[str]:
    """Files that exist on one side only or whose bytes differ (paths relative to the sites)."""
    out: list[str] = []

    def walk(cmp: filecmp.dircmp, prefix: str) -> None:
        out.extend(f"{prefix}{name} (only in the base's site)" for name in cmp.left_only)
        out.extend(f"{prefix}{name} (only in the new site)" for name in cmp.right_only)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        out.extend(f"{prefix}{name}" for name in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(a, b), "")
    return sorted(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", help="git revision whose sopbook code builds the reference site")
    parser.add_argument("projects", nargs="*", type=Path, help="folders with an mkdocs.yml")
    args = parser.parse_args(argv)
    projects = [p.resolve() for p in args.projects] or PROJECTS
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        base_code = package_of(args.base, tmp_path / "base")
        for number, project in enumerate(projects):
            before, after = tmp_path / f"site-{number}-base", tmp_path / f"site-{number}-new"
            build(base_code, project, before)
            build(ROOT, project, after)
            diff = differences(before, after)
            count = sum(1 for p in after.rglob("*") if p.is_file())
            if diff:
                failed = True
                print(f"{project}: {len(diff)} of {count} files differ from {args.base}:")
                for line in diff[:50]:
                    print(f"  {line}")
            else:
                print(f"{project}: all {count} files the same as built by {args.base}")
            shutil.rmtree(before)
            shutil.rmtree(after)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
