"""Sheets printed by sopbook against the signed originals they were imported from.

Takes a folder of drafts written by `sopbook import` (each names its source file in its first
comment) and the folder of the signed PDFs, builds a portal of the drafts, prints the
whole-portal booklet with `sopbook pdf`, and compares, SOP by SOP, the sheets it takes in the
booklet with the pages of its signed original. This is how issue 25 is judged: real SOPs
printed from the portal against their signed originals.

    .venv/bin/sopbook import /work/scratch/pdfs/bps -o /tmp/drafts
    .venv/bin/python bench/signed_sheets.py /tmp/drafts /work/scratch/pdfs/bps [--paper a4]

Prints, for each size of procedure (steps), how many SOPs take fewer, as many or more sheets
than signed, and lists those that take more.
"""

from __future__ import annotations

import argparse
import collections
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from pypdf import PdfReader

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from sopbook.portal.catalogue import Catalogue  # noqa: E402
from sopbook.printing.booklet import booklet_for  # noqa: E402
from sopbook.sop.loading import load_paths  # noqa: E402

SOURCE = re.compile(r"^# .*? dari (.+?) \(SHA-256", re.MULTILINE)


def originals(folder: Path) -> dict[str, Path]:
    return {p.name: p for p in folder.rglob("*") if p.suffix.lower() in (".pdf", ".docx")}


def signed_pages(path: Path) -> int | None:
    if path.suffix.lower() != ".pdf":
        return None
    try:
        return len(PdfReader(path).pages)
    except Exception:  # noqa: BLE001 - a PDF pypdf cannot read is left out
        return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("drafts", type=Path, help="folder written by `sopbook import -o`")
    parser.add_argument("signed", type=Path, help="folder of the signed originals")
    parser.add_argument("--paper", default="a4", choices=("a4", "f4"))
    parser.add_argument("--out", type=Path, default=HERE / "out" / "signed", help="work folder")
    parser.add_argument("--keep-site", action="store_true", help="reuse the built site and booklet")
    args = parser.parse_args()
    root = args.out
    booklet_pdf = root / "pdf" / "semua-sop.pdf"
    if not (args.keep_site and booklet_pdf.exists()):
        shutil.rmtree(root, ignore_errors=True)
        shutil.copytree(args.drafts, root / "content")
        (root / "docs").mkdir(parents=True)
        (root / "docs" / "index.md").write_text("# Beranda\n")
        (root / "mkdocs.yml").write_text(textwrap.dedent(f"""\
            site_name: Signed
            docs_dir: docs
            theme: {{name: material, font: false}}
            plugins:
              - sopbook:
                  paper: {args.paper}
            """))
        run = [sys.executable, "-m"]
        subprocess.run([*run, "mkdocs", "build", "-q"], cwd=root, check=True)
        subprocess.run([*run, "sopbook.cli", "pdf", "--site", "site", "-o", "pdf", "--paper", args.paper,
                        "--drafts", "--samples"], cwd=root, check=True)
    result = load_paths([root / "content"])
    catalogue = Catalogue(result.sops)
    booklet = booklet_for(catalogue.root, portal_name="Signed", samples=True, drafts=True, revoked=True)
    reader = PdfReader(booklet_pdf)
    starts = [reader.get_destination_page_number(item) for item in reader.outline]
    ends = starts[1:] + [len(reader.pages)]
    if len(starts) != len(booklet.entries):
        print(f"outline has {len(starts)} items for {len(booklet.entries)} SOPs", file=sys.stderr)
        return 1
    found = originals(args.signed)
    rows = []
    for entry, start, end in zip(booklet.entries, starts, ends):
        text = entry.loaded.path.read_text(encoding="utf-8")
        match = SOURCE.search(text)
        source = found.get(match.group(1)) if match else None
        pages = signed_pages(source) if source else None
        if pages is None:
            continue
        sop = entry.sop
        decisions = sum(1 for i in range(len(sop.steps)) if any(s.value == "keputusan" for _, s in sop.symbols_of(i)))
        rows.append((len(sop.steps), decisions, end - start, pages, source.name))
    by_size: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for steps, _decisions, ours, theirs, _name in rows:
        size = "1-5" if steps <= 5 else "6-11" if steps <= 11 else "12+"
        by_size[size]["fewer" if ours < theirs else "same" if ours == theirs else "more"] += 1
        by_size[size]["sheets"] += ours
        by_size[size]["signed"] += theirs
    print(f"{len(rows)} SOPs with a signed PDF, paper {args.paper}")
    print(f"{'steps':>6} {'SOPs':>5} {'fewer':>6} {'same':>5} {'more':>5} {'sheets':>7} {'signed':>7}")
    for size in ("1-5", "6-11", "12+"):
        c = by_size[size]
        n = c["fewer"] + c["same"] + c["more"]
        if n:
            print(f"{size:>6} {n:>5} {c['fewer']:>6} {c['same']:>5} {c['more']:>5} {c['sheets']:>7} {c['signed']:>7}")
    more = sorted((r for r in rows if r[2] > r[3]), key=lambda r: (r[3] - r[2], -r[0]))
    if more:
        print("\nmore sheets than signed (steps, decisions, sheets, signed, file):")
        for steps, decisions, ours, theirs, name in more:
            print(f"  {steps:>3} {decisions:>2} {ours:>3} {theirs:>3}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
