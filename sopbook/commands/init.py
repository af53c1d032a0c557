"""`sopbook init [DIR]`: set up a new portal for an office."""

from __future__ import annotations

import argparse
import sys

from ..messages import define, say
from ..scaffold import init_portal
from .registry import command

__all__ = ["run"]

define("init.kept", id="sopbook init: {path} sudah ada, tidak diubah", en="sopbook init: {path} exists, left as it is")
define(
    "init.ready",
    id="Portal siap di {directory}. Langkah berikutnya: `cd {directory}`, `git init`, "
    "lalu `make serve` (pratinjau) atau `make test` (periksa dan bangun).",
    en="The portal is ready in {directory}. Next: `cd {directory}`, `git init`, "
    "then `make serve` (preview) or `make test` (check and build).",
)


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("directory", nargs="?", default=".", metavar="DIR", help="folder of the portal (default: .)")
    parser.add_argument("--nama", default="Portal SOP", metavar="NAMA", help="site name (default: Portal SOP)")
    parser.add_argument("--organisasi", default="Pemerintah Kabupaten Contoh", metavar="NAMA",
                        help="organisation of the example SOP")
    parser.add_argument("--sopbook", metavar="SPEC",
                        help="pip requirement for sopbook in requirements.txt (default: this version)")


@command(
    "init",
    help="set up a new portal (mkdocs.yml, content/, docs, CI workflows)",
    description=(
        "Create a new portal in DIR: mkdocs.yml, content/ with one example SOP, docs_build/ "
        "pages, overrides/sopbook/, a Makefile (make serve, make test), requirements.txt, "
        "sop.schema.json, and pull-request workflows for GitHub Actions and GitLab CI. "
        "Existing files are left alone."
    ),
    arguments=arguments,
    order=60,
)
def run(args: argparse.Namespace) -> int:
    try:
        result = init_portal(args.directory, site_name=args.nama, organisation=args.organisasi,
                             sopbook_spec=args.sopbook)
    except OSError as error:
        print(f"sopbook init: {error.strerror or error}: {getattr(error, 'filename', '') or args.directory}",
              file=sys.stderr)
        return 1
    for path in result.written:
        print(path)
    for path in result.skipped:
        print(say("init.kept", path=path), file=sys.stderr)
    print(say("init.ready", directory=args.directory), file=sys.stderr)
    return 0


