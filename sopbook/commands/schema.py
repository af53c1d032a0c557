"""`sopbook schema [-o FILE]`: the JSON Schema of the SOP format, generated from the model."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..sop.model import sop_json_schema
from .registry import command

__all__ = ["run"]


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")


@command(
    "schema",
    help="print the JSON Schema of the SOP format (for yaml-language-server)",
    arguments=arguments,
    order=20,
)
def run(args: argparse.Namespace) -> int:
    text = json.dumps(sop_json_schema(), indent=2, ensure_ascii=False) + "\n"
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0
