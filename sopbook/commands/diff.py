"""`sopbook diff [BASE] [HEAD]`: what a change does to the SOPs, in words a reviewer reads."""

from __future__ import annotations

import argparse
import json
import sys

from .registry import command

from ..portal.git import GitError
from ..portal.report import as_json, format_markdown, format_text
from ..portal.diff import diff_sops

__all__ = ["run"]


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("base", nargs="?", metavar="BASE", help="git revision to compare from")
    parser.add_argument("head", nargs="?", metavar="HEAD", help="git revision to compare to (default: files on disk)")
    parser.add_argument("--format", choices=("text", "markdown", "json"), default="text",
                        help="text (terminal), markdown (pull-request comment) or json")
    parser.add_argument("--content", default="content", metavar="DIR", help="folder of SOP files (default: content)")


@command(
    "diff",
    help="summarise what a change does to the SOPs (for review)",
    description=(
        "Compare the SOP files of two git revisions and describe each change in words: "
        "identity fields, steps added/removed/moved or given to another actor, Waktu with "
        "the old and new total, legal basis, references to SOPs not in the portal. "
        "BASE defaults to the merge base with the default branch, HEAD to the working tree."
    ),
    arguments=arguments,
    order=40,
)
def run(args: argparse.Namespace) -> int:
    try:
        changes = diff_sops(args.base, args.head, args.content)
    except GitError as error:
        print(f"sopbook diff: {error}", file=sys.stderr)
        return 2
    if args.format == "json":
        sys.stdout.write(json.dumps(as_json(changes), ensure_ascii=False, indent=1) + "\n")
    elif args.format == "markdown":
        sys.stdout.write(format_markdown(changes))
    else:
        sys.stdout.write(format_text(changes))
    return 0


