"""The `sopbook` command: one subcommand per module of `sopbook/commands/`, each registered there.

Problems and the summary go to stdout (they are the command's answer); messages are Indonesian
unless ``--lang en``, ``SOPBOOK_LANG=en`` or an English locale says otherwise.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import metadata

from .commands import registered
from .messages import LANGUAGES, set_language

__all__ = ["main", "build_parser"]


def _version() -> str:
    try:
        return metadata.version("sopbook")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    # `--lang` is accepted before the command and after it (`sopbook --lang en check`, `sopbook check --lang en`)
    language = argparse.ArgumentParser(add_help=False)
    language.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=argparse.SUPPRESS,
        help="language of messages: id (Indonesian, default) or en; also SOPBOOK_LANG",
    )
    parser = argparse.ArgumentParser(
        prog="sopbook", description="Publish SOP Administrasi Pemerintahan documents from YAML.", parents=[language]
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in registered():
        sub = commands.add_parser(command.name, parents=[language], help=command.help, description=command.description)
        command.arguments(sub)
        sub.set_defaults(run=command.run)
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
