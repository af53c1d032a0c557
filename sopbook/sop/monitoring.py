"""Monitoring and evaluation records of an SOP (Permenpan RB 35/2012, Lampiran pp. 53-54) and
its review interval: the parts of the model that describe an SOP after signing.

- `monitoring`: rows of Tabel 7 "Monitoring Pelaksanaan SOP AP" (tanggal, penilai, penilaian
  *berjalan dengan baik* / *tidak berjalan dengan baik*, catatan, tindakan);
- `evaluasi`: the seven yes/no criteria of an evaluation, a note each, and a kesimpulan;
- `kaji_ulang_setiap`: how often the SOP is reviewed ("1 tahun", "18 bulan").

Dates here must be full dates (day, month, year): they start the clocks of the next
monitoring and review (`sopbook.portal.lifecycle`).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema

from ..messages import define, say
from .dates import parse_date
from .fields import FormModel, Text

__all__ = [
    "CRITERIA",
    "Assessment",
    "Criterion",
    "Evaluation",
    "Interval",
    "Monitoring",
    "IntervalText",
    "parse_interval",
    "to_date",
]

define(
    "monitoring.date_full",
    id="tanggal {text!r} kurang lengkap; tanggal monitoring dan evaluasi ditulis lengkap, mis. '3 Maret 2026'",
    en="date {text!r} is incomplete; monitoring and evaluation dates are written in full, e.g. '3 Maret 2026'",
)
define(
    "monitoring.date_missing",
    id="tanggal wajib diisi, mis. '3 Maret 2026'",
    en="the date is required, e.g. '3 Maret 2026'",
)
define(
    "monitoring.assessment",
    id="penilaian {value!r} tidak dikenal; tulis salah satu: berjalan dengan baik, tidak berjalan dengan baik{hint}",
    en="assessment {value!r} is not known; write one of: berjalan dengan baik, tidak berjalan dengan baik{hint}",
)
define(
    "monitoring.yes_no",
    id="{value!r} bukan jawaban kriteria; tulis ya atau tidak (catatan boleh ditambah: {{nilai: tidak, catatan: …}})",
    en="{value!r} is not an answer; write ya or tidak (a note may be added: {{nilai: tidak, catatan: …}})",
)
define(
    "monitoring.interval",
    id="{text!r} tidak terbaca; tulis mis. '1 tahun', '2 tahun' atau '18 bulan'",
    en="cannot read {text!r}; write e.g. '1 tahun', '2 tahun' or '18 bulan'",
)
define("monitoring.hint", id="; maksudnya {name!r}?", en="; did you mean {name!r}?")


# Dates -------------------------------------------------------------------------------------


def to_date(text: str | None) -> date | None:
    """A full date text as a `date`; None when it is missing or not a full date."""
    parsed = parse_date(text)
    if parsed is None or parsed.day is None or parsed.month is None:
        return None
    return date(parsed.year, parsed.month, parsed.day)


def _full_date(value: Any) -> Any:
    if value is None or (isinstance(value, str) and value.strip() in {"", "-", "–", "—"}):
        raise ValueError(say("monitoring.date_missing"))
    if not isinstance(value, str):
        return value  # the schema reports the type
    parsed = parse_date(value)  # raises DateError with the calendar message
    if parsed is None or parsed.day is None:
        raise ValueError(say("monitoring.date_full", text=value))
    return parsed.text


FullDate = Annotated[
    str,
    BeforeValidator(_full_date),
    WithJsonSchema({"type": "string", "examples": ["3 Maret 2026", "17 Agt 2025"]}),
]
"""A full date (day, month, year) as written: '3 Maret 2026'."""


# Tabel 7: monitoring -----------------------------------------------------------------------


class Assessment(str, Enum):
    """Penilaian Terhadap Penerapan (Tabel 7)."""

    GOOD = "berjalan dengan baik"
    NOT_GOOD = "tidak berjalan dengan baik"


_ASSESSMENT_GUESSES = {
    "baik": Assessment.GOOD.value,
    "berjalan baik": Assessment.GOOD.value,
    "ya": Assessment.GOOD.value,
    "tidak baik": Assessment.NOT_GOOD.value,
    "tidak berjalan baik": Assessment.NOT_GOOD.value,
    "kurang baik": Assessment.NOT_GOOD.value,
    "tidak": Assessment.NOT_GOOD.value,
}


def _assessment(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    text = " ".join(value.split()).casefold()
    if text in {a.value for a in Assessment}:
        return text
    guess = _ASSESSMENT_GUESSES.get(text) or next(
        iter(difflib.get_close_matches(text, [a.value for a in Assessment], n=1, cutoff=0.75)), None
    )
    hint = say("monitoring.hint", name=guess) if guess else ""
    raise ValueError(say("monitoring.assessment", value=value, hint=hint))


class Monitoring(FormModel):
    """One row of Tabel 7, "Monitoring Pelaksanaan SOP AP"."""

    date: FullDate = Field(alias="tanggal", description="Tanggal monitoring, lengkap: '3 Maret 2026'.")
    assessor: Text = Field(alias="penilai", description="Penilai: who assessed (the Paraf Penilai column).")
    assessment: Annotated[
        Assessment,
        BeforeValidator(_assessment),
        WithJsonSchema({"enum": [a.value for a in Assessment]}),
    ] = Field(
        alias="penilaian",
        description="Penilaian Terhadap Penerapan: 'berjalan dengan baik' or 'tidak berjalan dengan baik'.",
    )
    notes: Text | None = Field(None, alias="catatan", description="Catatan Hasil Penilaian.")
    action: Text | None = Field(None, alias="tindakan", description="Tindakan yang Harus Diambil.")

    @property
    def when(self) -> date:
        return to_date(self.date)  # type: ignore[return-value]  # validated as a full date

    @property
    def good(self) -> bool:
        return self.assessment is Assessment.GOOD


# Evaluation: seven criteria ----------------------------------------------------------------

CRITERIA: dict[str, str] = {
    "mendorong_kinerja": "Mampu mendorong peningkatan kinerja",
    "mudah_dipahami": "Mudah dipahami",
    "mudah_dilaksanakan": "Mudah dilaksanakan",
    "menjalankan_peran": "Semua orang dapat menjalankan perannya masing-masing",
    "mengatasi_masalah": "Mampu mengatasi permasalahan yang berkaitan dengan proses",
    "menjawab_kebutuhan": "Mampu menjawab kebutuhan peningkatan kinerja organisasi",
    "sinergi": "Sinergi satu dengan lainnya",
}
"""The seven criteria of an SOP evaluation, by key, with the form's wording."""


def _yes_no(value: Any) -> Any:
    if isinstance(value, bool):  # `true`/`false` as YAML 1.1 reads them
        return value
    if isinstance(value, str):
        text = value.strip().casefold()
        if text == "ya":
            return True
        if text == "tidak":
            return False
    raise ValueError(say("monitoring.yes_no", value=value))


YesNo = Annotated[bool, BeforeValidator(_yes_no), WithJsonSchema({"enum": ["ya", "tidak"]})]


class Criterion(FormModel):
    """One criterion's answer, with an optional note."""

    value: YesNo = Field(alias="nilai", description="ya or tidak.")
    note: Text | None = Field(None, alias="catatan", description="Catatan for this criterion.")


def _criterion(value: Any) -> Any:
    """`ya` is short for `{nilai: ya}`."""
    if isinstance(value, (str, bool)):
        return {"nilai": value}
    return value


Answer = Annotated[
    Criterion,
    BeforeValidator(_criterion),
    WithJsonSchema(
        {
            "anyOf": [
                {"enum": ["ya", "tidak"]},
                {
                    "type": "object",
                    "properties": {"nilai": {"enum": ["ya", "tidak"]}, "catatan": {"type": "string"}},
                    "required": ["nilai"],
                    "additionalProperties": False,
                },
            ]
        }
    ),
]


class Criteria(FormModel):
    """The seven criteria, each `ya`/`tidak` or `{nilai: …, catatan: …}`."""

    drives_performance: Answer = Field(alias="mendorong_kinerja", description=CRITERIA["mendorong_kinerja"] + ".")
    understandable: Answer = Field(alias="mudah_dipahami", description=CRITERIA["mudah_dipahami"] + ".")
    workable: Answer = Field(alias="mudah_dilaksanakan", description=CRITERIA["mudah_dilaksanakan"] + ".")
    roles: Answer = Field(alias="menjalankan_peran", description=CRITERIA["menjalankan_peran"] + ".")
    solves_problems: Answer = Field(alias="mengatasi_masalah", description=CRITERIA["mengatasi_masalah"] + ".")
    meets_needs: Answer = Field(alias="menjawab_kebutuhan", description=CRITERIA["menjawab_kebutuhan"] + ".")
    synergy: Answer = Field(alias="sinergi", description=CRITERIA["sinergi"] + ".")

    def rows(self) -> list[tuple[str, str, Criterion]]:
        """(key, wording, answer) in the form's order."""
        return [(f.alias or n, CRITERIA[f.alias or n], getattr(self, n)) for n, f in type(self).model_fields.items()]


class Evaluation(FormModel):
    """One evaluation of the SOP against the seven criteria."""

    date: FullDate = Field(alias="tanggal", description="Tanggal evaluasi, lengkap: '10 Januari 2026'.")
    assessor: Text = Field(alias="penilai", description="Penilai: who evaluated (person or team).")
    criteria: Criteria = Field(
        alias="kriteria",
        description=(
            "The seven criteria, each 'ya' or 'tidak' or {nilai, catatan}: mendorong_kinerja, "
            "mudah_dipahami, mudah_dilaksanakan, menjalankan_peran, mengatasi_masalah, "
            "menjawab_kebutuhan, sinergi."
        ),
    )
    conclusion: Text = Field(alias="kesimpulan", description="Kesimpulan: e.g. 'SOP tetap dipakai' or 'SOP perlu direvisi'.")

    @property
    def when(self) -> date:
        return to_date(self.date)  # type: ignore[return-value]

    @property
    def yes_count(self) -> int:
        return sum(1 for _, _, answer in self.criteria.rows() if answer.value)


# Review interval ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Interval:
    """A review interval in months."""

    months: int

    def words(self) -> str:
        if self.months % 12 == 0:
            return f"{self.months // 12} tahun"
        return f"{self.months} bulan"


_INTERVAL = re.compile(r"^(\d{1,3})\s*(tahun|thn|th|bulan|bln)$", re.I)


def parse_interval(text: str | int | None) -> Interval | None:
    """"1 tahun", "2 tahun", "18 bulan" (a bare number is years); None for empty."""
    if text is None:
        return None
    if isinstance(text, int) and not isinstance(text, bool):
        text = f"{text} tahun"
    cleaned = " ".join(str(text).split())
    if cleaned == "":
        return None
    match = _INTERVAL.match(cleaned)
    if not match or int(match.group(1)) == 0:
        raise ValueError(say("monitoring.interval", text=str(text)))
    number, unit = int(match.group(1)), match.group(2).lower()
    return Interval(number * 12 if unit.startswith("t") else number)


def _check_interval(value: str | None) -> str | None:
    parse_interval(value)
    return None if value is None or not value.strip() else " ".join(value.split())


IntervalText = Annotated[
    str | None,
    AfterValidator(_check_interval),
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "null"}], "examples": ["1 tahun", "2 tahun", "18 bulan"]}),
]
