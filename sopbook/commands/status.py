"""`sopbook status`: which SOPs are overdue for their six-monthly monitoring or their review,
by unit, on a terminal or in a scheduled CI job (`--gagal-bila-terlambat` exits 1)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..messages import define, say
from ..portal.catalogue import Catalogue, address_problems
from ..portal.lifecycle import Lifecycle, Schedule, build_date, unit_summaries
from ..sop.dates import format_date
from ..sop.loading import load_paths
from ..sop.monitoring import parse_interval
from .pdf import _portal_config
from .registry import command

__all__ = ["run"]

define("status.heading",
       id="Pemantauan SOP per {date} (monitoring setiap 6 bulan, kaji ulang setiap {interval} kecuali disebut lain)",
       en="SOP monitoring on {date} (monitoring every 6 months, review every {interval} unless the SOP says otherwise)")
define("status.unit",
       id="{unit}: {watched} SOP berlaku, {monitored} dimonitor ≤ 6 bulan, {evaluated} dievaluasi dalam interval, {overdue} terlambat",
       en="{unit}: {watched} SOP(s) in force, {monitored} monitored within 6 months, {evaluated} evaluated within the interval, {overdue} overdue")
define("status.review", id="perlu dikaji ulang sejak {date}", en="review overdue since {date}")
define("status.monitoring", id="perlu dimonitor sejak {date}", en="monitoring overdue since {date}")
define("status.no_date", id="tanpa tanggal: jadwal tidak dapat dihitung", en="no date: the schedule cannot be computed")
define("status.summary_overdue",
       id="{overdue} SOP terlambat di {units} unit; {watched} SOP berlaku dipantau",
       en="{overdue} SOP(s) overdue in {units} unit(s); {watched} SOP(s) in force watched")
define("status.summary_ok",
       id="Tidak ada SOP yang terlambat; {watched} SOP berlaku dipantau",
       en="Nothing is overdue; {watched} SOP(s) in force watched")
define("status.invalid",
       id="sopbook status: {count} masalah di berkas SOP (periksa dengan `sopbook check`)",
       en="sopbook status: {count} problem(s) in the SOP files (see `sopbook check`)")
define("status.bad_option", id="sopbook status: pilihan tidak terbaca: {detail}", en="sopbook status: cannot read an option: {detail}")


def _why(state: Lifecycle) -> str:
    if state.review_overdue:
        text = say("status.review", date=format_date(state.review_due))  # type: ignore[arg-type]
        if state.monitoring_overdue:
            text += "; " + say("status.monitoring", date=format_date(state.monitoring_due))  # type: ignore[arg-type]
        return text
    if state.monitoring_overdue:
        return say("status.monitoring", date=format_date(state.monitoring_due))  # type: ignore[arg-type]
    return say("status.no_date")


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "json"), default="text", help="text (terminal) or json")
    parser.add_argument("--gagal-bila-terlambat", "--fail-on-overdue", dest="fail", action="store_true",
                        help="exit 1 when a monitoring or review is overdue (for a scheduled CI job)")
    parser.add_argument("--tanggal", metavar="YYYY-MM-DD",
                        help="the date to judge on (default: SOPBOOK_BUILD_DATE, SOURCE_DATE_EPOCH or today)")
    parser.add_argument("--semua", action="store_true", help="also list units where nothing is overdue")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", metavar="FILE",
                        help="mkdocs.yml of the portal (content_dir, review_interval)")
    parser.add_argument("--content", metavar="DIR", help="folder of SOP files (default: the portal's content_dir)")


@command(
    "status",
    help="list SOPs whose monitoring or review is overdue, by unit (for a terminal or CI)",
    description=(
        "Which SOPs in force are overdue for their six-monthly monitoring (Tabel 7) or their "
        "review (evaluation, every `review_interval` of mkdocs.yml or `kaji_ulang_setiap`), "
        "by unit. Drafts, revoked SOPs and samples are not counted. Exit 0, or 1 with "
        "--gagal-bila-terlambat when something is overdue; 2 when the files are invalid."
    ),
    arguments=arguments,
    order=55,
)
def run(args: argparse.Namespace) -> int:
    config_file = Path(args.config_file)
    options: dict[str, Any] = _portal_config(config_file) if config_file.is_file() else {}
    base = config_file.resolve().parent if config_file.is_file() else Path.cwd()
    content = args.content or str(base / options.get("content_dir", "content"))
    try:
        interval = parse_interval(options.get("review_interval")) or Schedule.default().interval
        schedule = Schedule(build_date(args.tanggal), interval)
    except ValueError as error:
        print(say("status.bad_option", detail=error), file=sys.stderr)
        return 2
    result = load_paths([content], base=Path.cwd())
    problems = result.problems + address_problems(result.sops)
    if problems:
        for problem in sorted(problems):
            print(problem, file=sys.stderr)
        print(say("status.invalid", count=len(problems)), file=sys.stderr)
        return 2
    catalogue = Catalogue(result.sops)
    summaries = unit_summaries(catalogue.units(), schedule.today, schedule.interval)
    overdue = sum(len(s.overdue) for s in summaries)
    watched = sum(s.watched for s in summaries)
    if args.format == "json":
        data = {
            "tanggal": schedule.today.isoformat(),
            "kaji_ulang_setiap": schedule.interval.words(),
            "sop_berlaku": watched,
            "terlambat": overdue,
            "unit": [
                {
                    "unit": s.names,
                    "sop_berlaku": s.watched,
                    "dimonitor": s.monitored,
                    "dievaluasi": s.evaluated,
                    "terlambat": [
                        {"nomor": e.sop.number, "nama": e.sop.title, "berkas": e.loaded.source, **state.record()}
                        for e, state in s.overdue
                    ],
                    "tanpa_tanggal": [{"nomor": e.sop.number, "nama": e.sop.title, "berkas": e.loaded.source} for e, _ in s.no_date],
                }
                for s in summaries
            ],
        }
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    else:
        print(say("status.heading", date=format_date(schedule.today), interval=schedule.interval.words()))
        for s in summaries:
            if not (s.overdue or s.no_date or args.semua):
                continue
            print()
            print(say("status.unit", unit=" › ".join(s.names), watched=s.watched, monitored=s.monitored,
                      evaluated=s.evaluated, overdue=len(s.overdue)))
            for entry, state in [*s.overdue, *s.no_date]:
                label = entry.label
                print(f"  {label}: {_why(state)} ({entry.loaded.source})")
        print()
        if overdue:
            units = sum(1 for s in summaries if s.overdue)
            print(say("status.summary_overdue", overdue=overdue, units=units, watched=watched))
        else:
            print(say("status.summary_ok", watched=watched))
    return 1 if overdue and args.fail else 0
