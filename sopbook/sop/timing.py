"""Waktu (time standard) arithmetic for SOP steps.

The documents write each step's time as free text: "5 menit", "180 menit", "2 hari",
"2 minggu", "5 Jam", "1 hari kerja", "1,5 jam". The rules used to add them up follow the
documents themselves (SOP BKPSDM.1.7-2017 states its own total as "25 HARI KERJA + 1 JAM"):

* days are working days; a minggu (week) is 5 working days;
* minutes roll up into hours, but hours never roll up into days (a working day has no
  fixed number of hours in these documents).

Real signed documents are less tidy, and any non-empty Waktu text is valid and shown as
written (`read_waktu`). The total counts what it can measure: "Paling lambat 17 hari kerja"
and "Maksimal 2 jam" as the number they name, ranges ("1-2 hari", "1 s.d. 2 hari") as ranges,
"1 x 24 jam" as 24 jam. A text without any number ("Setiap saat", "Pada hari dan jam kerja")
is not measured, and the total says how many steps it left out. A number with a unit the
program does not know ("5 mnit") stays an error, so that a typo never drops out of a total.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from ..messages import define, say

__all__ = [
    "Duration",
    "Waktu",
    "Total",
    "WaktuError",
    "parse_waktu",
    "read_waktu",
    "total",
    "total_waktu",
    "format_number",
    "format_range",
    "UNITS",
]


class WaktuError(ValueError):
    """A Waktu text that cannot be read as a duration."""


define(
    "waktu.unit_hint",
    id="satuan waktu {unit!r} tidak dikenal pada {text!r}; maksud Anda '{suggestion}'?",
    en="unknown time unit {unit!r} in {text!r}; did you mean '{suggestion}'?",
)


UNSUMMABLE = ("hari kalender", "bulan", "tahun")
"""Units a document may use that do not convert to working days: such a Waktu is shown and
noted, not summed."""

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


_NONE = {"", "-", "–", "—"}
"""Waktu cells that state no time (the form's "-", or nothing)."""

# a time of day ("Pukul 08.00", "08.00-16.00 WIB") names no duration; "1.30 jam" is a duration
_NUMBER_ANYWHERE = re.compile(r"\d+(?:[.,:]\d+)*")
_CLOCK = re.compile(
    r"(?<![\d.,:])(?:[01]?\d|2[0-4])[.:][0-5]\d(?![\d.,:])"
    r"(?!\s*(?:menit|mnt|jam|hari|hk|minggu|pekan)\b)",
    re.IGNORECASE,
)
# "3 (tiga) hari kerja": the number repeated in words, as official letters write it
_NUMBER_IN_WORDS = re.compile(r"(\d)\s*\(\s*[a-z][a-z\s-]*\)")
_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+(?:[.,]\d+)?)"
    r"|(?P<times>[x×*](?=\s*\d))"
    r"|(?P<range>s\s*/\s*d\b\.?|s\.\s*d\b\.?|sd\b|sampai\s+dengan\b|sampai\b|hingga\b|[-–—~])"
    r"|(?P<plus>\+)"
    r"|(?P<word>[a-z]+)"
    r"|(?P<other>\S))"
)


@dataclass(frozen=True, slots=True)
class Waktu:
    """A step's Waktu as written, and what of it can be summed.

    `low` and `high` are the measured time (equal unless the text gives a range); both are
    None when the text names no number ("Setiap saat"): it is shown, not summed.
    """

    text: str
    low: Duration | None = None
    high: Duration | None = None
    unit: str | None = None
    """For a text in a unit that is not summed ("1 bulan"): that unit."""

    @property
    def measured(self) -> bool:
        return self.low is not None

    @property
    def is_range(self) -> bool:
        return self.low != self.high

    def format(self) -> str:
        """The measured time in the totals' words ("1–2 hari kerja"); the text itself when
        nothing is measured."""
        if self.low is None or self.high is None:
            return self.text
        return format_range(self.low, self.high)


@dataclass(frozen=True, slots=True)
class Total:
    """TOTAL WAKTU PENYELESAIAN: the sum of the measured steps (a range when any step gives
    one) and how many steps have a Waktu that cannot be measured."""

    low: Duration
    high: Duration
    measured: int
    unmeasured: int

    @property
    def is_range(self) -> bool:
        return self.low != self.high

    def format(self) -> str:
        """e.g. "25 hari kerja + 1 jam", "3–5 hari kerja", "17 hari kerja; 7 langkah tanpa
        waktu terukur"."""
        parts = []
        if self.measured:
            parts.append(format_range(self.low, self.high))
        if self.unmeasured:
            parts.append(f"{self.unmeasured} langkah tanpa waktu terukur")
        return "; ".join(parts)

    def __str__(self) -> str:
        return self.format()


def format_range(low: Duration, high: Duration) -> str:
    """A duration or a range of durations: "3–5 hari kerja", "1–2 jam", "1 hari kerja +
    30–45 menit"; equal ends give the plain duration."""
    if low == high:
        return low.format()
    parts: list[str] = []
    if low.days or high.days:
        parts.append(_span(low.days, high.days) + " hari kerja")
    if low.minutes or high.minutes:
        a, b = low.minutes, high.minutes
        if a == b:
            parts.append(Duration(minutes=a).format())
        elif a % 60 == 0 and b % 60 == 0:
            parts.append(_span(a / 60, b / 60) + " jam")
        elif b < 60:
            parts.append(_span(a, b) + " menit")
        else:
            parts.append(f"{Duration(minutes=a).format()} – {Duration(minutes=b).format()}")
    return " + ".join(parts)


def _span(a: Fraction, b: Fraction) -> str:
    return format_number(a) if a == b else f"{format_number(a)}–{format_number(b)}"


def read_waktu(text: str | None) -> Waktu | None:
    """Read a Waktu text as written. Empty text (or "-") gives None: the step states no time.

    A text without a digit (or whose only numbers are times of day, "Pukul 08.00-16.00 WIB"),
    or in a unit that does not convert to working days ("1 bulan", "14 hari kalender"), is
    valid and not measured. Otherwise words before the first number
    ("Paling lambat", "Maksimal") are qualifiers; then come quantities ("1 jam 30 menit",
    "2 hari + 3 jam"), each a number, optionally "x N" ("1 x 24 jam") or a range ("1-2",
    "1 s.d. 2", "1 sampai 2"), and a unit; "1 jam - 2 jam" is a range too. Words after the
    last quantity are a remark ("17 hari kerja sejak berkas lengkap"). Raises WaktuError for
    a number without a known unit.
    """
    if text is None:
        return None
    return _read(str(text))


@lru_cache(maxsize=4096)
def _read(text: str) -> Waktu | None:
    """`read_waktu` of a text; cached, since an office writes the same few Waktu again and again
    (the result is immutable; errors are raised anew each time)."""
    cleaned = " ".join(text.split())
    if cleaned in _NONE:
        return None
    numbers = len(_NUMBER_ANYWHERE.findall(cleaned))
    if not numbers or len(_CLOCK.findall(cleaned)) == numbers:
        return Waktu(cleaned)  # no number, or only times of day: shown, not summed
    normal = _NUMBER_IN_WORDS.sub(r"\1", cleaned.lower())
    tokens = [(m.lastgroup or "", m.group(m.lastgroup or 0)) for m in _TOKEN.finditer(normal)]
    tokens = [t for t in tokens if t[1].strip()]
    i = 0
    while i < len(tokens) and tokens[i][0] != "num":  # qualifiers before the first number
        i += 1
    if i == len(tokens):
        raise WaktuError(_help(text))
    try:
        low, high, i = _sum(tokens, i, text)
    except _Unsummable as unsummable:
        return Waktu(cleaned, unit=unsummable.unit)
    if i + 1 < len(tokens) and tokens[i][0] == "range" and tokens[i + 1][0] == "num":
        _, high, i = _sum(tokens, i + 1, text)
    rest = tokens[i:]
    if any(kind == "num" for kind, _ in rest):
        raise WaktuError(_help(text))
    if rest and rest[0][0] == "plus":
        raise WaktuError(say("waktu.empty_part", text=text))
    return Waktu(cleaned, low, high)


def _sum(tokens: list[tuple[str, str]], i: int, text: str) -> tuple[Duration, Duration, int]:
    """Quantities from tokens[i] (a number) on, added up: (low, high, next index)."""
    low = high = None
    while i < len(tokens) and tokens[i][0] == "num":
        a, b, i = _quantity(tokens, i, text)
        low, high = (a, b) if low is None or high is None else (low + a, high + b)
        if i < len(tokens) and tokens[i][0] == "plus":
            if i + 1 < len(tokens) and tokens[i + 1][0] == "num":
                i += 1
            else:
                raise WaktuError(say("waktu.empty_part", text=text))
    if low is None or high is None:  # not reached: callers start at a number
        raise WaktuError(_help(text))
    return low, high, i


def _quantity(tokens: list[tuple[str, str]], i: int, text: str) -> tuple[Duration, Duration, int]:
    written = tokens[i][1]
    low, i = _number(tokens, i)
    high = low
    if i + 1 < len(tokens) and tokens[i][0] == "range" and tokens[i + 1][0] == "num":
        written += f"-{tokens[i + 1][1]}"
        high, i = _number(tokens, i + 1)
    if i >= len(tokens) or tokens[i][0] != "word":
        raise WaktuError(_help(text))
    unit = tokens[i][1]
    if i + 1 < len(tokens) and tokens[i + 1][0] == "word":
        pair = f"{unit} {tokens[i + 1][1]}"
        if pair in UNITS or pair in UNSUMMABLE:
            unit = pair
            i += 1
    if unit in UNSUMMABLE:
        raise _Unsummable(unit)
    if unit not in UNITS:
        raise WaktuError(_unknown_unit(unit, written, text))
    field, factor = UNITS[unit]

    def duration(n: Fraction) -> Duration:
        value = n if factor == 1 else n * factor
        return Duration(days=value) if field == "days" else Duration(minutes=value)

    return duration(low), duration(high), i + 1


class _Unsummable(Exception):
    def __init__(self, unit: str) -> None:
        super().__init__(unit)
        self.unit = unit


def _number(tokens: list[tuple[str, str]], i: int) -> tuple[Fraction, int]:
    """A number, times another when written "1 x 24"."""
    written = tokens[i][1]
    value = Fraction(int(written)) if written.isdigit() else Fraction(written.replace(",", "."))
    i += 1
    while i + 1 < len(tokens) and tokens[i][0] == "times" and tokens[i + 1][0] == "num":
        value *= Fraction(tokens[i + 1][1].replace(",", "."))
        i += 2
    return value, i


def _unknown_unit(unit: str, number: str, text: str) -> str:
    import difflib

    close = difflib.get_close_matches(unit, [*UNITS, *UNSUMMABLE], n=1, cutoff=0.6)
    found = re.search(r"\s+".join(re.escape(w) for w in unit.split()), text, re.IGNORECASE)
    unit = found.group(0) if found else unit  # as written
    if close:
        return say("waktu.unit_hint", unit=unit, text=text, suggestion=f"{number} {close[0]}")
    return say("waktu.unit", unit=unit, text=text)


def parse_waktu(text: str | None) -> Duration | None:
    """The measured time of a Waktu text (for a range, its lower end); None when the text is
    empty, "-", or names no number. Raises WaktuError as `read_waktu` does."""
    waktu = read_waktu(text)
    return None if waktu is None else waktu.low


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


def total_waktu(values: list[Waktu | None]) -> Total | None:
    """TOTAL WAKTU PENYELESAIAN of the steps' Waktu; None when no step states one."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    low = high = Duration()
    measured = 0
    for value in present:
        if value.low is not None and value.high is not None:
            low, high, measured = low + value.low, high + value.high, measured + 1
    return Total(low, high, measured, len(present) - measured)
