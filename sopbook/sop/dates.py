"""Partial Indonesian dates as the documents write them.

"28 November 2018", "Januari 2025", "NOVEMBER 2017", "2017" and "-" all occur. The text is
kept exactly as written (nothing is invented); parsing only checks it and gives a sort key.

A full date must exist in the calendar (29 Februari only in a leap year, no 31 April). Month
names are the ones the documents use, in any case: the full names, the older spellings
Pebruari and Nopember, and the short forms Jan, Feb, Peb, Mar, Apr, Jun, Jul, Agu, Agt, Agus,
Sep, Sept, Okt, Nov, Nop, Des (a trailing dot is allowed: "Agt.").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from ..messages import say

__all__ = ["PartialDate", "DateError", "parse_date", "MONTHS"]

MONTHS = {
    "januari": 1, "februari": 2, "pebruari": 2, "maret": 3, "april": 4, "mei": 5, "juni": 6,
    "juli": 7, "agustus": 8, "september": 9, "oktober": 10, "november": 11, "nopember": 11,
    "desember": 12,
}

MONTH_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "peb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "agu": 8, "agt": 8,
    "agus": 8, "sep": 9, "sept": 9, "okt": 10, "nov": 11, "nop": 11, "des": 12,
}
"""Short month names seen in documents ("Mei" is already short)."""

MONTH_NAMES = (
    "", "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
    "Oktober", "November", "Desember",
)

_DATE = re.compile(r"^(?:(?:(\d{1,2})\s+)?([A-Za-z]+)\.?\s+)?(\d{4})$")


class DateError(ValueError):
    """A date text that is not a (partial) Indonesian date."""


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date of which the day and month may be unknown. `text` is kept as written."""

    text: str
    year: int
    month: int | None = None
    day: int | None = None

    @property
    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)


def parse_date(text: str | None) -> PartialDate | None:
    """Parse "28 November 2018", "Januari 2025", "2017"; None for empty or "-"."""
    if text is None:
        return None
    cleaned = " ".join(str(text).split())
    if cleaned in {"", "-", "–", "—"}:
        return None
    match = _DATE.match(cleaned)
    if not match:
        raise DateError(say("date.unreadable", text=text))
    day_text, month_text, year_text = match.groups()
    month = None
    if month_text is not None:
        word = month_text.lower()
        month = MONTHS.get(word) or MONTH_ABBREVIATIONS.get(word)
        if month is None:
            raise DateError(say("date.month", month=month_text, text=text))
    year = int(year_text)
    day = int(day_text) if day_text else None
    if day is not None:
        if day < 1 or month is None:
            raise DateError(say("date.day_zero", day=day, text=text))
        last = calendar.monthrange(year, month)[1]
        if day > last:
            raise DateError(
                say("date.day_range", day=day, text=text, month=MONTH_NAMES[month], year=year, last=last)
            )
    return PartialDate(text=cleaned, year=year, month=month, day=day)


BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
    "Oktober", "November", "Desember",
)


def format_date(when: date) -> str:
    """25 November 2026 (Indonesian month names)."""
    return f"{when.day} {BULAN[when.month - 1]} {when.year}"
