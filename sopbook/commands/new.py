"""`sopbook new`: start an SOP file that passes `sopbook check` at once.

Values come from flags; on a terminal, missing ones are asked for. The file lands in
`content/<organisation slugs>/<nomor>-<title slug>.yml`, starts with the JSON Schema modeline
(with the right number of `../`), is marked `status: draf`, and is checked before it is written.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import os
import sys
from pathlib import Path
from typing import Any

from .registry import command

import yaml

from ..portal.catalogue import address_problems
from ..portal.addresses import slugify
from ..sop.dates import format_date
from ..sop.loading import load_bytes, load_paths
from ..sop.model import sop_json_schema

__all__ = ["run"]

SCHEMA_FILE = "sop.schema.json"


def _split(values: list[str] | None) -> list[str]:
    """`--pelaksana "Staf, Kepala Seksi"` and repeated flags both work; `>` separates levels."""
    out: list[str] = []
    for value in values or []:
        for part in value.replace(">", ",").replace("›", ",").split(","):
            part = " ".join(part.split())
            if part:
                out.append(part)
    return out


def target_path(content: Path, organisation: list[str], number: str | None, title: str) -> Path:
    folder = content.joinpath(*(slugify(name) for name in organisation))
    stem = slugify(title)
    if number:
        stem = f"{slugify(number, keep_dots=True)}-{stem}"
    return folder / f"{stem}.yml"


def _dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)


def sop_yaml(*, organisation: list[str], number: str | None, title: str, actors: list[str],
             modeline: str | None, today: _dt.date) -> str:
    """The text of a new draft SOP: identity, actors, two placeholder steps, comments to guide."""
    head: dict[str, Any] = {}
    if organisation:
        head["organisasi"] = organisation
    if number:
        head["nomor"] = number
    head["nama"] = title
    head["status"] = "draf"
    head["tanggal_pembuatan"] = format_date(today)
    first, last = actors[0], actors[-1]
    steps = [
        {"uraian": "Tulis uraian langkah pertama", "pelaksana": first, "waktu": "10 menit"},
        {"uraian": "Tulis uraian langkah terakhir", "pelaksana": last, "waktu": "10 menit"},
    ]
    parts = []
    if modeline:
        parts.append(f"# yaml-language-server: $schema={modeline}\n")
    parts.append(_dump(head))
    parts.append(
        "# Lengkapi bila ada (lihat halaman 'Format berkas SOP'):\n"
        "# tanggal_pengesahan: 17 Desember 2025\n"
        "# disahkan_oleh: Kepala Dinas\n"
        "# dasar_hukum:\n#   - Peraturan ...\n"
        "# kualifikasi_pelaksana: ...\n# keterkaitan: [SOP ...]\n"
        "# peralatan_perlengkapan: [...]\n# peringatan: ...\n# pencatatan_pendataan: ...\n"
    )
    parts.append(_dump({"pelaksana": actors}))
    parts.append("# Satu butir per langkah; pelaksana harus salah satu nama di atas.\n")
    parts.append(_dump({"langkah": steps}))
    return "".join(parts)


def _ask(prompt: str, default: str | None = None, required: bool = True) -> str:
    suffix = f" [{default}]" if default else ""
    while True:
        # prompts go to stderr: stdout carries only the new file's path
        print(f"{prompt}{suffix}: ", end="", file=sys.stderr, flush=True)
        line = sys.stdin.readline()
        if not line:
            raise EOFError
        answer = line.strip()
        if answer or not required:
            return answer or (default or "")
        if default:
            return default
        print("  Isian ini wajib.", file=sys.stderr)


def _prompt_missing(
    organisation: list[str], number: str | None, title: str | None, actors: list[str]
) -> tuple[list[str], str | None, str | None, list[str]]:
    if not organisation:
        organisation = _split([_ask("Organisasi, dari atas, dipisah '>' (mis. Pemerintah Kota X > Dinas Y)", required=False)])
    if number is None:
        number = _ask("Nomor SOP (kosongkan bila belum ada)", required=False) or None
    if not title:
        title = _ask("Nama SOP")
    if not actors:
        actors = _split([_ask("Pelaksana, dipisah koma (mis. Staf, Kepala Seksi)")])
    return organisation, number, title, actors


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--organisasi", action="append", metavar="UNIT",
                        help="organisation levels from the top; repeat, or separate with '>'")
    parser.add_argument("--nomor", metavar="NOMOR", help="Nomor SOP, e.g. 28.8.1.10")
    parser.add_argument("--nama", metavar="NAMA", help="Nama SOP (title)")
    parser.add_argument("--pelaksana", action="append", metavar="PELAKSANA",
                        help="actors in column order; repeat, or separate with commas")
    parser.add_argument("--content", default="content", metavar="DIR", help="folder of SOP files (default: content)")
    parser.add_argument("--schema", default=SCHEMA_FILE, metavar="FILE",
                        help="JSON Schema the modeline points to (default: sop.schema.json; written if absent)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of the default place")
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")
    parser.add_argument("--no-input", action="store_true", help="never prompt, even on a terminal")


@command(
    "new",
    help="start a new SOP file (draft) in content/",
    description=(
        "Create a new SOP YAML file with the schema modeline, marked `status: draf`, in "
        "content/<organisation>/. Missing values are asked for on a terminal. The file "
        "passes `sopbook check` at once; fill in its steps afterwards."
    ),
    arguments=arguments,
    order=30,
)
def run(args: argparse.Namespace) -> int:
    interactive = not args.no_input and sys.stdin.isatty()
    organisation = _split(args.organisasi)
    actors = _split(args.pelaksana)
    number, title = args.nomor, args.nama
    if interactive:
        try:
            organisation, number, title, actors = _prompt_missing(organisation, number, title, actors)
        except EOFError:
            print("\nsopbook new: dibatalkan", file=sys.stderr)
            return 2
    missing = [flag for flag, value in (("--nama", title), ("--pelaksana", actors)) if not value]
    if missing:
        print(f"sopbook new: isian wajib belum diberikan: {', '.join(missing)}", file=sys.stderr)
        return 2
    title = " ".join(title.split())
    content = Path(args.content)
    path = Path(args.output) if args.output else target_path(content, organisation, number, title)
    if path.exists() and not args.force:
        print(f"sopbook new: {path} sudah ada; pilih nama lain atau pakai --force", file=sys.stderr)
        return 1
    schema = Path(args.schema)
    modeline = Path(os.path.relpath(schema.resolve(), path.parent.resolve())).as_posix()
    text = sop_yaml(organisation=organisation, number=number or None, title=title, actors=actors,
                    modeline=modeline, today=_dt.date.today())
    result = load_bytes(text.encode("utf-8"), path, source=str(path))
    if content.is_dir() and result.sops:
        others = load_paths([content], base=Path.cwd())
        key = "".join((number or "").split()).casefold()
        for loaded in others.sops:
            if key and loaded.sop.number and "".join(loaded.sop.number.split()).casefold() == key:
                result.problems.append(loaded.problem(("nomor",), f"Nomor SOP {number!r} sudah dipakai oleh berkas ini"))
        if not result.problems:  # the new page's address must not be another SOP's or unit's
            clashes = address_problems([*others.sops, *result.sops])
            result.problems += [p for p in clashes if str(path) in (p.file, *p.message.split())]
    if result.problems:
        for problem in sorted(result.problems):
            print(problem, file=sys.stderr)
        print("sopbook new: berkas tidak dibuat", file=sys.stderr)
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(path)
    if not schema.exists():
        import json

        schema.write_text(json.dumps(sop_json_schema(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"(JSON Schema untuk editor ditulis ke {schema})", file=sys.stderr)
    print("SOP baru dibuat sebagai draf. Lengkapi langkahnya, lalu jalankan `sopbook check` "
          "dan `sopbook diff` sebelum mengajukan pull request.", file=sys.stderr)
    return 0


