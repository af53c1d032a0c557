"""`sopbook import FILE|FOLDER…`: one YAML draft per signed SOP (PDF with a text layer, or .docx).

Each draft starts with the schema modeline and a comment naming the source and its SHA-256, is
marked `status: draf`, lands where `sopbook new` would put it, and passes `sopbook check`.
Whatever the importer is unsure about is a `# PERIKSA:` comment beside the field and counts
as a warning in the file's summary line. Nothing is overwritten without `--force`.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import yaml

from ..importing import ImportResult, import_file
from ..importing.draft import render
from ..messages import say
from ..sop.loading import ORG_FILE
from .new import SCHEMA_FILE, _split, target_path
from .registry import command

__all__ = ["run", "collect"]

SUFFIXES = (".pdf", ".docx")


def collect(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            out += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        else:
            out.append(path)
    return out


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="FILE|FOLDER", help="signed SOP PDFs or .docx files, or folders of them")
    parser.add_argument("-o", "--output", default="content", metavar="DIR",
                        help="folder the drafts go to, under <organisation>/ as `sopbook new` does (default: content)")
    parser.add_argument("--organisasi", action="append", metavar="UNIT",
                        help="organisation levels from the top for every draft (instead of the heading read from the file); repeat, or separate with '>'")
    parser.add_argument("--schema", default=SCHEMA_FILE, metavar="FILE", help="JSON Schema the modeline points to (default: sop.schema.json)")
    parser.add_argument("--force", action="store_true", help="overwrite drafts that exist")


class _Progress:
    """A bar on a terminal (stderr), nothing elsewhere: the summary lines are the plain record."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.on = sys.stderr.isatty() and total > 1

    def show(self, done: int, name: str) -> None:
        if self.on:
            width = 30
            filled = int(width * done / max(self.total, 1))
            print(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{self.total} {name[:40]:<40}", end="", file=sys.stderr, flush=True)

    def clear(self) -> None:
        if self.on:
            print("\r" + " " * 80 + "\r", end="", file=sys.stderr, flush=True)


@command(
    "import",
    help="import signed SOP PDFs / .docx as YAML drafts",
    description=(
        "Read SOP AP documents (PDF with a text layer, or .docx) and write one YAML draft each "
        "(status: draf) that passes `sopbook check`. Unsure values are marked `# PERIKSA:`."
    ),
    arguments=arguments,
    order=35,
)
def run(args: argparse.Namespace) -> int:
    files = collect(args.paths)
    if not files:
        print(say("import.nothing", path=" ".join(args.paths)), file=sys.stderr)
        return 1
    organisation = _split(args.organisasi)
    out = Path(args.output)
    schema = Path(args.schema)
    counts = {"clean": 0, "warned": 0, "refused": 0, "skipped": 0}
    progress = _Progress(len(files))
    logos: set[Path] = set()  # organisation folders given a logo in this run
    for done, path in enumerate(files):
        progress.show(done, path.name)
        result = import_file(path, organisation=organisation or None)
        progress.clear()
        if result.refused:
            counts["refused"] += 1
            print(say("import.line_refused", file=path, reason=result.refused), flush=True)
            continue
        data = result.data
        target = target_path(out, data.get("organisasi", []), data.get("nomor"), data["nama"])
        if target.exists() and not args.force:
            counts["skipped"] += 1
            print(say("import.line_exists", file=path, target=target), flush=True)
            continue
        modeline = Path(os.path.relpath(schema.resolve(), target.parent.resolve())).as_posix()
        text = render(data, result.notes, result.unread, modeline=modeline, source=path, digest=result.sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        counts["warned" if result.warnings else "clean"] += 1
        decisions = sum(1 for s in result.steps if s.get("simbol") == "keputusan"
                        or (isinstance(s.get("pelaksana"), dict) and "keputusan" in s["pelaksana"].values()))
        print(say("import.line_ok", file=path, steps=len(result.steps), actors=len(data.get("pelaksana", [])),
                  decisions=decisions, warnings=result.warnings, target=target), flush=True)
        written = _write_logo(out, result, logos)
        if written:
            print(say("import.logo", file=path, target=written[0], config=written[1]), flush=True)
    progress.clear()
    print(say("import.summary", files=len(files), **counts))
    return 1 if counts["refused"] or counts["skipped"] else 0


def _write_logo(out: Path, result: ImportResult, done: set[Path]) -> tuple[Path, Path] | None:
    """The logo of a signed original, written once into its top organisation folder with an
    `_organisasi.yml` naming it (every draft of that organisation then prints it in the header
    box), unless the folder has an `_organisasi.yml` already: (image, that file) or None."""
    organisation = result.data.get("organisasi") or []
    if result.logo is None or not organisation:
        return None
    folder = target_path(out, organisation[:1], None, "x").parent
    config = folder / ORG_FILE
    if folder in done or config.exists():
        return None
    done.add(folder)
    image = folder / f"logo{result.logo.suffix}"
    number = 1
    while image.exists():  # an image of that name the office put there: kept
        number += 1
        image = folder / f"logo-{number}{result.logo.suffix}"
    folder.mkdir(parents=True, exist_ok=True)
    image.write_bytes(result.logo.data)
    text = yaml.safe_dump({"logo": image.name, "logo_alt": f"Logo {organisation[0]}"}, allow_unicode=True, sort_keys=False)
    config.write_text(f"# {say('import.logo_header', source=result.source.name)}\n{text}", encoding="utf-8")
    return image, config

