"""Measure `sopbook import` over a folder of signed SOPs (see bench/README.md, "Mengimpor").

    .venv/bin/python bench/import_pdfs.py /work/scratch/pdfs/bps [--expected DIR] [--jobs 2]

For every .pdf/.docx: refused (and why), imported without warning or with warnings, whether the
draft passes the same validation as `sopbook check`, and seconds per file. With --expected, a
folder of hand transcriptions named `<source file stem>.yml` is compared field by field.
"""

from __future__ import annotations

import argparse
import collections
import re
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sopbook.importing import import_file  # noqa: E402
from sopbook.importing.draft import render  # noqa: E402
from sopbook.sop.loading import load_bytes  # noqa: E402


def one(path: Path) -> dict:
    start = time.perf_counter()
    result = import_file(path)
    seconds = time.perf_counter() - start
    row = {"file": str(path), "seconds": seconds, "refused": result.refused, "warnings": result.warnings,
           "kinds": [m.split(";")[0].split("(")[0][:60] for _, m in result.notes], "data": result.data}
    if not result.refused:
        text = render(result.data, result.notes, result.unread, modeline=None, source=path, digest=result.sha256)
        loaded = load_bytes(text.encode("utf-8"), path.with_suffix(".yml"), source=str(path))
        row["check"] = not loaded.problems
        row["problems"] = [str(p) for p in loaded.problems[:3]]
    return row


def _norm(value) -> str:
    if isinstance(value, list):
        return " | ".join(_norm(v) for v in value)
    if isinstance(value, dict):
        return " | ".join(f"{k}:{_norm(v)}" for k, v in value.items())
    return re.sub(r"\s+", " ", str(value)).strip().casefold().rstrip(".;")


TOP = ("nomor", "nama", "tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif", "tanggal_pengesahan", "disahkan_oleh",
       "dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan_perlengkapan", "peringatan",
       "pencatatan_pendataan", "pelaksana")
STEP = ("uraian", "pelaksana", "simbol", "ya", "tidak", "kelengkapan", "waktu", "output", "keterangan", "teks_simbol")


def _symbols(step: dict, index: int, count: int) -> str:
    actors = step.get("pelaksana")
    if isinstance(actors, dict):
        return _norm(actors)
    default = "mulai" if index == 0 else "selesai" if index == count - 1 else "proses"
    names = actors if isinstance(actors, list) else [actors]
    return _norm({name: (step.get("simbol") or default).lower() for name in names})


def agreement(expected: dict, got: dict) -> tuple[int, int, list[str]]:
    same = total = 0
    misses: list[str] = []
    for key in TOP:
        if key in expected:
            total += 1
            if _norm(expected[key]) == _norm(got.get(key, "")):
                same += 1
            else:
                misses.append(f"{key}: {expected[key]!r} != {got.get(key)!r}")
    want, have = expected.get("langkah", []), got.get("langkah", [])
    for index, step in enumerate(want):
        other = have[index] if index < len(have) else {}
        for key in STEP:
            if key == "simbol":
                total += 1
                if other and _symbols(step, index, len(want)) == _symbols(other, index, len(have)):
                    same += 1
                else:
                    misses.append(f"langkah {index + 1} symbols")
                continue
            if key == "pelaksana":
                continue
            if key in step:
                total += 1
                if _norm(step[key]) == _norm(other.get(key, "")):
                    same += 1
                else:
                    misses.append(f"langkah {index + 1} {key}: {step[key]!r} != {other.get(key)!r}")
    return same, total, misses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--expected", help="folder of hand transcriptions <stem>.yml")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--json", help="write every file's row (data, warnings) to this file")
    args = parser.parse_args()
    files = sorted(p for p in Path(args.folder).rglob("*") if p.suffix.lower() in (".pdf", ".docx"))
    with ProcessPoolExecutor(args.jobs) as pool:
        rows = list(pool.map(one, files, chunksize=4))
    if args.json:
        import json

        Path(args.json).write_text(json.dumps(rows, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    refused = collections.Counter(r["refused"] for r in rows if r["refused"])
    imported = [r for r in rows if not r["refused"]]
    clean = [r for r in imported if not r["warnings"]]
    passing = [r for r in imported if r.get("check")]
    kinds = collections.Counter(k for r in imported for k in r["kinds"])
    seconds = [r["seconds"] for r in rows]
    print(f"files: {len(rows)}")
    print(f"imported: {len(imported)} (no warning: {len(clean)}, with warnings: {len(imported) - len(clean)})")
    print(f"refused: {sum(refused.values())}")
    for reason, count in refused.most_common():
        print(f"  {count} x {reason}")
    print(f"drafts passing check: {len(passing)} of {len(imported)} imported ({100 * len(passing) / max(len(imported), 1):.1f} %)")
    print(f"seconds per file: median {statistics.median(seconds):.2f}, mean {statistics.mean(seconds):.2f}, max {max(seconds):.2f}")
    print("warnings by kind:")
    for kind, count in kinds.most_common(12):
        print(f"  {count} x {kind}")
    for r in imported:
        if not r.get("check"):
            print("  fails check:", Path(r["file"]).name, r.get("problems"))
    if args.expected:
        same = total = 0
        for expected_path in sorted(Path(args.expected).glob("*.yml")):
            row = next((r for r in rows if Path(r["file"]).stem == expected_path.stem), None)
            if row is None:
                continue
            s, t, misses = agreement(yaml.safe_load(expected_path.read_text(encoding="utf-8")), row["data"])
            same, total = same + s, total + t
            print(f"agreement {expected_path.stem[:50]}: {s}/{t}")
            if args.verbose:
                for miss in misses:
                    print("    ", miss[:160])
        if total:
            print(f"field agreement: {same}/{total} = {100 * same / total:.1f} %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
