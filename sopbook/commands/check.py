"""`sopbook check [PATH …]`: validate SOP files and folders; every problem as
file:line:col: field: message, notes (unsummed Waktu, modelines pointing nowhere) beside them."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from ..messages import say
from ..portal.catalogue import address_problems
from ..portal.logos import find_logos
from ..sop.loading import iter_sop_files, load_paths
from ..sop.modeline import SCHEMA_NAME, find_schema, wrong_modeline
from ..sop.notes import notes
from .registry import command

__all__ = ["run"]


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: content)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing when all is valid")


@command(
    "check",
    help="validate SOP files or folders and report every problem",
    description=(
        "Validate SOP YAML files (folders are searched recursively). Prints every problem "
        "as file:line:col: field: message. Exit status 1 when any problem is found."
    ),
    arguments=arguments,
    order=10,
)
def run(args: argparse.Namespace) -> int:
    paths = args.paths or ["content"]
    result = load_paths(paths, base=Path.cwd())
    clashes = address_problems(result.sops)
    if clashes:  # a file whose page has no address of its own is not valid either
        result.problems.extend(clashes)
        blamed = {problem.file for problem in clashes}
        result.sops = [loaded for loaded in result.sops if loaded.source not in blamed]
    for folder in (Path(p) for p in paths):  # the organisation folders' logos (_organisasi.yml)
        if folder.is_dir():
            result.problems.extend(find_logos(folder).problems)
    for note in [] if args.quiet else notes(result.sops):  # not failures (unsummed Waktu)
        print(note)
    for problem in sorted(result.problems):
        print(problem)
    for note in _modeline_notes(paths):
        print(note)
    count = len(result.sops)
    if result.problems:
        files = len({p.file for p in result.problems})
        print(say("summary.problems", problems=len(result.problems), files=files, valid=count))
        return 1
    if not args.quiet:
        print(say("summary.valid", valid=count))
    return 0


def _modeline_notes(paths: list[str]) -> list[str]:
    """Files whose editor modeline points nowhere, with the line they need (not a problem)."""
    found = []
    for file in iter_sop_files(paths):
        wrong = wrong_modeline(file, find_schema(file, Path.cwd()))
        if wrong is not None:
            line, expected = wrong
            shown = os.path.relpath(file) if not os.path.relpath(file).startswith("..") else str(file)
            found.append(f"{shown}:{line}:1: {say('modeline.wrong', schema=SCHEMA_NAME, line=expected)}")
    return found
