"""The SOP after signing: when the next monitoring and review fall due, and which are overdue
(Permenpan RB 35/2012: monitoring every six months, evaluation at the review interval).

Every function takes the build date: nothing here reads the clock (`build_date()` is the one
place that decides it, for the plugin and `sopbook status`), so tests fix the date.

States of an SOP on a given date:
- `tidak_dipantau`: a draft, a revoked SOP or a sample is not nagged;
- `tanpa_tanggal`: no date to start the clocks from (no record, no date in the document);

Both clocks start at the later of the last record and the document's latest date (a revision
restarts them): monitoring is due six months later, the review after the interval.
- `kaji_ulang_terlambat`: the review (evaluation) is overdue (the monitoring may be too);
- `monitoring_terlambat`: the six-monthly monitoring is overdue;
- `terkini`: both are within their time.
"""

from __future__ import annotations

import calendar
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from ..messages import define, say
from ..sop.dates import format_date
from ..sop.model import Sop, Status
from ..sop.monitoring import Evaluation, Interval, Monitoring, parse_interval
from ..sop.version import latest_date
from .catalogue import Entry, OrgNode

__all__ = [
    "DEFAULT_INTERVAL",
    "MONITORING_MONTHS",
    "STATE_LABELS",
    "Lifecycle",
    "Schedule",
    "UnitSummary",
    "add_months",
    "build_date",
    "lifecycle_of",
    "unit_summaries",
]

MONITORING_MONTHS = 6
"""Tabel 7's monitoring is done at least every six months."""

DEFAULT_INTERVAL = Interval(12)
"""The review interval when neither the portal nor the SOP names one: one year."""

NOT_WATCHED, NO_DATE, REVIEW_OVERDUE, MONITORING_OVERDUE, CURRENT = (
    "tidak_dipantau", "tanpa_tanggal", "kaji_ulang_terlambat", "monitoring_terlambat", "terkini",
)

STATE_LABELS = {
    CURRENT: "Terkini",
    MONITORING_OVERDUE: "Monitoring terlambat",
    REVIEW_OVERDUE: "Perlu dikaji ulang",
    NO_DATE: "Tanpa tanggal",
    NOT_WATCHED: "Tidak dipantau",
}
"""The states as the catalogue, the Pemantauan page and `sopbook status` name them."""

define(
    "lifecycle.build_date",
    id="SOPBOOK_BUILD_DATE {text!r} tidak terbaca; tulis tanggal sebagai YYYY-MM-DD, mis. 2026-12-04",
    en="SOPBOOK_BUILD_DATE {text!r} cannot be read; write the date as YYYY-MM-DD, e.g. 2026-12-04",
)


def build_date(text: str | None = None) -> date:
    """The date the portal is built "on": `text` (YYYY-MM-DD), else $SOPBOOK_BUILD_DATE, else
    $SOURCE_DATE_EPOCH (reproducible builds), else today."""
    text = text or os.environ.get("SOPBOOK_BUILD_DATE")
    if text:
        try:
            return date.fromisoformat(text.strip())
        except ValueError:
            raise ValueError(say("lifecycle.build_date", text=text)) from None
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return date.today()


def add_months(when: date, months: int) -> date:
    """`when` plus `months` calendar months (31 Agustus + 6 bulan = 28/29 Februari)."""
    month = when.month - 1 + months
    year, month = when.year + month // 12, month % 12 + 1
    return date(year, month, min(when.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True, slots=True)
class Lifecycle:
    """Monitoring and review of one SOP on the build date."""

    state: str
    interval: Interval
    today: date
    reference: date | None  # the document's latest date (first day of a partial date)
    last_monitoring: Monitoring | None
    last_evaluation: Evaluation | None
    monitoring_due: date | None
    review_due: date | None

    @property
    def watched(self) -> bool:
        return self.state != NOT_WATCHED

    @property
    def monitoring_overdue(self) -> bool:
        return self.watched and self.monitoring_due is not None and self.today > self.monitoring_due

    @property
    def review_overdue(self) -> bool:
        return self.watched and self.review_due is not None and self.today > self.review_due

    @property
    def overdue(self) -> bool:
        return self.monitoring_overdue or self.review_overdue

    @property
    def monitored_recently(self) -> bool:
        """Monitored within the last six months."""
        return self.last_monitoring is not None and not self.monitoring_overdue

    @property
    def evaluated_recently(self) -> bool:
        """Evaluated within the review interval."""
        return self.last_evaluation is not None and not self.review_overdue

    @property
    def label(self) -> str:
        return STATE_LABELS[self.state]

    def record(self) -> dict[str, object]:
        """The fields of catalogue.json and `sopbook status --format json`."""
        iso = lambda d: d.isoformat() if d else None  # noqa: E731
        return {
            "keadaan": self.state,
            "monitoring_terakhir": iso(self.last_monitoring.when) if self.last_monitoring else None,
            "evaluasi_terakhir": iso(self.last_evaluation.when) if self.last_evaluation else None,
            "monitoring_berikutnya": iso(self.monitoring_due) if self.watched else None,
            "kaji_ulang_berikutnya": iso(self.review_due) if self.watched else None,
            "kaji_ulang_setiap": self.interval.words(),
        }

    def words(self, when: date | None) -> str:
        return format_date(when) if when else "-"


def _reference(sop: Sop) -> date | None:
    found = latest_date(sop)
    if found is None:
        return None
    return date(found.year, found.month or 1, found.day or 1)


def _interval(sop: Sop, default: Interval) -> Interval:
    try:
        return parse_interval(sop.review_every) or default
    except ValueError:  # validated on loading; a default is safer than a crash
        return default


def lifecycle_of(sop: Sop, today: date, default_interval: Interval = DEFAULT_INTERVAL) -> Lifecycle:
    """Where the SOP stands on `today` (the build date)."""
    interval = _interval(sop, default_interval)
    monitoring = max(sop.monitoring, key=lambda m: m.when, default=None)
    evaluation = max(sop.evaluations, key=lambda e: e.when, default=None)
    reference = _reference(sop)
    # a revision (a later document date) restarts both clocks, as a record does
    monitoring_from = max((d for d in (monitoring.when if monitoring else None, reference) if d), default=None)
    review_from = max((d for d in (evaluation.when if evaluation else None, reference) if d), default=None)
    monitoring_due = add_months(monitoring_from, MONITORING_MONTHS) if monitoring_from else None
    review_due = add_months(review_from, interval.months) if review_from else None
    if sop.sample or sop.status in (Status.DRAFT, Status.REVOKED):
        state = NOT_WATCHED
    elif review_due is None or monitoring_due is None:
        state = NO_DATE
    elif today > review_due:
        state = REVIEW_OVERDUE
    elif today > monitoring_due:
        state = MONITORING_OVERDUE
    else:
        state = CURRENT
    return Lifecycle(state, interval, today, reference, monitoring, evaluation, monitoring_due, review_due)


@dataclass(frozen=True, slots=True)
class Schedule:
    """The build date and the portal's review interval: what every date logic is given."""

    today: date
    interval: Interval = DEFAULT_INTERVAL

    @classmethod
    def default(cls) -> "Schedule":
        """The build date from the environment (`build_date`), the default interval."""
        return cls(build_date())

    def of(self, sop: Sop) -> Lifecycle:
        return lifecycle_of(sop, self.today, self.interval)


@dataclass
class UnitSummary:
    """One unit on the Pemantauan page and in `sopbook status`: its own SOPs (not those of
    its sub-units, which have rows of their own)."""

    node: OrgNode
    watched: int = 0
    monitored: int = 0  # monitored within six months
    evaluated: int = 0  # evaluated within the review interval
    overdue: list[tuple[Entry, Lifecycle]] = field(default_factory=list)
    no_date: list[tuple[Entry, Lifecycle]] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        return [n.name for n in self.node.lineage]


def unit_summaries(
    units: Iterable[OrgNode], today: date, default_interval: Interval = DEFAULT_INTERVAL
) -> list[UnitSummary]:
    """A summary per unit that has SOPs of its own, in outline order."""
    summaries = []
    for node in units:
        if not node.entries:
            continue
        summary = UnitSummary(node)
        for entry in node.entries:
            state = lifecycle_of(entry.sop, today, default_interval)
            if not state.watched:
                continue
            summary.watched += 1
            summary.monitored += state.monitored_recently
            summary.evaluated += state.evaluated_recently
            if state.overdue:
                summary.overdue.append((entry, state))
            elif state.state == NO_DATE:
                summary.no_date.append((entry, state))
        summaries.append(summary)
    return summaries
