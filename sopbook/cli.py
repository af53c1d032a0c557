"""The `sopbook` command: check SOP files, export the JSON Schema, print booklets (pdf).

Problems and the summary go to stdout (they are the command's answer); messages are Indonesian
unless ``--lang en``, ``SOPBOOK_LANG=en`` or an English locale says otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from importlib import metadata
from collections.abc import Sequence
from pathlib import Path

from .portal.catalogue import address_problems
from .commands import diff as diff_command
from .commands import init as init_command
from .commands import new as new_command
from .commands import status as status_command
from .sop.loading import iter_sop_files, load_paths
from .messages import LANGUAGES, say, set_language
from .sop.model import sop_json_schema
from .sop.notes import notes
from .sop.modeline import SCHEMA_NAME, find_schema, wrong_modeline
from .commands.pdf import register as register_pdf

__all__ = ["main"]


def _check(args: argparse.Namespace) -> int:
    paths = args.paths or ["content"]
    result = load_paths(paths, base=Path.cwd())
    clashes = address_problems(result.sops)
    if clashes:  # a file whose page has no address of its own is not valid either
        result.problems.extend(clashes)
        blamed = {problem.file for problem in clashes}
        result.sops = [loaded for loaded in result.sops if loaded.source not in blamed]
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
    notes = []
    for file in iter_sop_files(paths):
        wrong = wrong_modeline(file, find_schema(file, Path.cwd()))
        if wrong is not None:
            line, expected = wrong
            shown = os.path.relpath(file) if not os.path.relpath(file).startswith("..") else str(file)
            notes.append(f"{shown}:{line}:1: {say('modeline.wrong', schema=SCHEMA_NAME, line=expected)}")
    return notes


def _schema(args: argparse.Namespace) -> int:
    text = json.dumps(sop_json_schema(), indent=2, ensure_ascii=False) + "\n"
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def _version() -> str:
    try:
        return metadata.version("sopbook")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sopbook", description="Publish SOP Administrasi Pemerintahan documents from YAML."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    language = argparse.ArgumentParser(add_help=False)
    language.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=argparse.SUPPRESS,
        help="language of messages: id (Indonesian, default) or en; also SOPBOOK_LANG",
    )
    parser._add_action(language._actions[0])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser(
        "check",
        parents=[language],
        help="validate SOP files or folders and report every problem",
        description=(
            "Validate SOP YAML files (folders are searched recursively). Prints every problem "
            "as file:line:col: field: message. Exit status 1 when any problem is found."
        ),
    )
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: content)")
    check.add_argument("-q", "--quiet", action="store_true", help="print nothing when all is valid")
    check.set_defaults(run=_check)

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of the SOP format (for yaml-language-server)",
    )
    schema.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    schema.set_defaults(run=_schema)
    for register in (new_command.register, diff_command.register, init_command.register, status_command.register):
        register(commands)
    register_pdf(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "lang", None):
        set_language(args.lang)
    try:
        return args.run(args)
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        return 130
    except BrokenPipeError:  # pragma: no cover - e.g. `sopbook schema | head`
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
