"""The `sopbook` command: check SOP files, export the JSON Schema, print booklets (pdf)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from .catalogue import address_problems
from .commands import diff as diff_command
from .commands import init as init_command
from .commands import new as new_command
from .loading import load_paths
from .model import sop_json_schema
from .notes import notes
from .pdfcli import register as register_pdf

__all__ = ["main"]


def _check(args: argparse.Namespace) -> int:
    paths = args.paths or ["content"]
    result = load_paths(paths, base=Path.cwd())
    result.problems.extend(address_problems(result.sops))
    for note in [] if args.quiet else notes(result.sops):  # not failures (unsummed Waktu)
        print(note)
    for problem in sorted(result.problems):
        print(problem)
    count = len(result.sops)
    if result.problems:
        files = len({p.file for p in result.problems})
        print(
            f"{len(result.problems)} problem(s) in {files} file(s); {count} SOP(s) valid",
            file=sys.stderr,
        )
        return 1
    if not args.quiet:
        print(f"{count} SOP(s) valid", file=sys.stderr)
    return 0


def _schema(args: argparse.Namespace) -> int:
    text = json.dumps(sop_json_schema(), indent=2, ensure_ascii=False) + "\n"
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sopbook", description="Publish SOP Administrasi Pemerintahan documents from YAML."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser(
        "check",
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
    for register in (new_command.register, diff_command.register, init_command.register):
        register(commands)
    register_pdf(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        return 130
    except BrokenPipeError:  # pragma: no cover - e.g. `sopbook schema | head`
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
