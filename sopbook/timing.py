"""Waktu (time standard) arithmetic for SOP steps.

The documents write each step's time as free text: "5 menit", "180 menit", "2 hari",
"2 minggu", "5 Jam", "1 hari kerja", "1,5 jam". The rules used to add them up follow the
documents themselves (SOP BKPSDM.1.7-2017 states its own total as "25 HARI KERJA + 1 JAM"):

* days are working days; a minggu (week) is 5 working days;
* minutes roll up into hours, but hours never roll up into days (a working day has no
  fixed number of hours in these documents).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from .messages import say

__all__ = ["Duration", "WaktuError", "parse_waktu", "total", "format_number", "UNITS"]


class WaktuError(ValueError):
    """A Waktu text that cannot be read as a duration."""


# unit word -> (field, multiplier). Fields: "days" (working days) or "minutes".
UNITS: dict[str, tuple[str, int]] = {
    "menit": ("minutes", 1),
    "mnt": ("minutes", 1),
    "jam": ("minutes", 60),
    "hari": ("days", 1),
    "hari kerja": ("days", 1),
    "hk": ("days", 1),
    "minggu": ("days", 5),
    "minggu kerja": ("days", 5),
    "pekan": ("days", 5),
}

_NUMBER = r"\d+(?:[.,]\d+)?"
# one quantity: a number, then a unit word (several words allowed: "hari kerja")
_QUANTITY = re.compile(rf"({_NUMBER})\s*([a-zA-Z][a-zA-Z ]*?)\s*(?=\d|$)")


@dataclass(frozen=True, slots=True)
class Duration:
    """A step's time: working days plus minutes, kept apart (hours never become days)."""

    days: Fraction = Fraction(0)
    minutes: Fraction = Fraction(0)

    def __add__(self, other: "Duration") -> "Duration":
        return Duration(self.days + other.days, self.minutes + other.minutes)

    def __bool__(self) -> bool:
        return bool(self.days or self.minutes)

    def format(self) -> str:
        """Indonesian text as the documents write totals, e.g. "25 hari kerja + 1 jam"."""
        parts: list[str] = []
        if self.days:
            parts.append(f"{format_number(self.days)} hari kerja")
        hours, minutes = divmod(self.minutes, 60)
        clock = []
        if hours:
            clock.append(f"{format_number(Fraction(hours))} jam")
        if minutes:
            clock.append(f"{format_number(minutes)} menit")
        if clock:
            parts.append(" ".join(clock))
        return " + ".join(parts) if parts else "0 menit"

    def __str__(self) -> str:
        return self.format()


def format_number(value: Fraction) -> str:
    """1 -> "1", 3/2 -> "1,5" (Indonesian decimal comma, at most two decimals)."""
    if value.denominator == 1:
        return str(value.numerator)
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def parse_waktu(text: str | None) -> Duration | None:
    """Parse a Waktu text. Empty text (or "-") gives None: the step states no time.

    Several quantities may be joined with "+" or written one after another
    ("1 jam 30 menit", "2 hari + 3 jam"). Raises WaktuError for anything else.
    """
    if text is None:
        return None
    cleaned = " ".join(str(text).split())
    if cleaned in {"", "-", "–", "—"}:
        return None
    days = Fraction(0)
    minutes = Fraction(0)
    found = False
    for chunk in (c.strip() for c in cleaned.split("+")):
        if not chunk:
            raise WaktuError(say("waktu.empty_part", text=text))
        pos = 0
        while pos < len(chunk):
            match = _QUANTITY.match(chunk, pos)
            if not match:
                raise WaktuError(_help(text))
            number = Fraction(match.group(1).replace(",", "."))
            unit = " ".join(match.group(2).lower().split())
            if unit not in UNITS:
                raise WaktuError(say("waktu.unit", unit=match.group(2).strip(), text=text))
            field, factor = UNITS[unit]
            if field == "days":
                days += number * factor
            else:
                minutes += number * factor
            found = True
            pos = match.end()
    if not found:
        raise WaktuError(_help(text))
    return Duration(days, minutes)


def _help(text: str) -> str:
    return say("waktu.unreadable", text=text)


def total(values: list[Duration | None]) -> Duration | None:
    """Sum of the given durations, ignoring steps with no time; None when none has one."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    result = Duration()
    for value in present:
        result = result + value
    return result
