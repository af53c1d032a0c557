"""Partial Indonesian dates as the documents write them.

"28 November 2018", "Januari 2025", "NOVEMBER 2017", "2017" and "-" all occur. The text is
kept exactly as written (nothing is invented); parsing only checks it and gives a sort key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["PartialDate", "DateError", "parse_date", "MONTHS"]

MONTHS = {
    "januari": 1, "februari": 2, "pebruari": 2, "maret": 3, "april": 4, "mei": 5, "juni": 6,
    "juli": 7, "agustus": 8, "september": 9, "oktober": 10, "november": 11, "nopember": 11,
    "desember": 12,
}

_DATE = re.compile(r"^(?:(?:(\d{1,2})\s+)?([A-Za-z]+)\s+)?(\d{4})$")


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
        raise DateError(
            f"cannot read date {text!r}; write e.g. '28 November 2018', 'Januari 2025', "
            f"'2017' or '-'"
        )
    day_text, month_text, year_text = match.groups()
    month = None
    if month_text is not None:
        month = MONTHS.get(month_text.lower())
        if month is None:
            raise DateError(f"unknown month {month_text!r} in date {text!r}")
    day = int(day_text) if day_text else None
    if day is not None and not 1 <= day <= 31:
        raise DateError(f"day {day} out of range in date {text!r}")
    return PartialDate(text=cleaned, year=int(year_text), month=month, day=day)
