"""The building blocks of the SOP model: field types as the form writes them (texts, lists with
"-" for none, dates, Waktu), the symbols and the statuses."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Discriminator,
    StringConstraints,
    Tag,
    WithJsonSchema,
)

from .dates import parse_date
from .timing import read_waktu

NONE_MARKS = frozenset({"", "-", "–", "—"})
"""How the form writes "none": a dash (or nothing) in a section or cell."""


def _one_or_many(value: Any) -> Any:
    """Allow a single text where a list of texts is expected."""
    if isinstance(value, str):
        return [value]
    if value is None:
        return []
    return value


def _none_as_dash(value: Any) -> Any:
    """A list written as "-" (or empty text) stays the form's one "-"; a "-" beside real
    items is dropped. The "-" is shown as written, never numbered, and names no SOP."""
    if not isinstance(value, list) or not value:
        return value
    if not all(isinstance(item, str) for item in value):
        return value
    real = [item for item in value if item.strip() not in NONE_MARKS]
    return real if real else ["-"]


def lower_symbol(value: Any) -> Any:
    """Symbols are accepted in any case: "Keputusan" is keputusan."""
    if isinstance(value, str) and value.strip().lower() in {s.value for s in Symbol}:
        return value.strip().lower()
    return value  # an unknown symbol is reported as written


def _check_date(value: str | None) -> str | None:
    parse_date(value)  # raises DateError (a ValueError) with a readable message
    return None if value is None or value.strip() in {"", "-", "–", "—"} else value


def _check_waktu(value: str | None) -> str | None:
    read_waktu(value)  # raises WaktuError (a ValueError)
    if value is None:
        return None
    return "-" if value.strip() in NONE_MARKS else " ".join(value.split())


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""A non-empty text; surrounding whitespace is removed."""

TextList = Annotated[
    list[Text],
    BeforeValidator(_none_as_dash),
    BeforeValidator(_one_or_many),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "minLength": 1},
                {"type": "array", "items": {"type": "string", "minLength": 1}},
            ]
        }
    ),
]
"""A list of texts; a single text is accepted as a list of one; "-" (or empty text) is the
form's "none" and stays one "-"."""

DateText = Annotated[
    str | None,
    AfterValidator(_check_date),
    WithJsonSchema(
        {
            "anyOf": [{"type": "string"}, {"type": "null"}],
            "examples": ["28 November 2018", "Januari 2025", "2017", "-"],
        }
    ),
]
"""A date as written in the document: full, month and year, year only, or "-"."""

WaktuText = Annotated[
    str | None,
    AfterValidator(_check_waktu),
    WithJsonSchema(
        {
            "anyOf": [{"type": "string"}, {"type": "null"}],
            "examples": [
                "5 menit",
                "1,5 jam",
                "2 hari kerja",
                "2 minggu",
                "1-2 hari",
                "1 s.d. 2 hari",
                "1 x 24 jam",
                "Paling lambat 17 hari kerja",
                "Setiap saat",
                "-",
            ],
        }
    ),
]
"""A step's time standard as written, e.g. "5 menit", "1-2 hari", "Paling lambat 17 hari
kerja", "Setiap saat" (shown, not summed); "-" (or empty) when the document gives none."""


class FormModel(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
        frozen=True,
        str_strip_whitespace=True,
    )


class Symbol(str, Enum):
    """Flowchart symbol of a step in its actor's column (SOP AP symbols)."""

    START = "mulai"
    PROCESS = "proses"
    DECISION = "keputusan"
    END = "selesai"


SymbolText = Annotated[Symbol, BeforeValidator(lower_symbol)]
"""A symbol as written: mulai, proses, keputusan or selesai, in any case."""


def _actor_form(value: Any) -> str:
    """Which form `pelaksana` of a step is written in: a mapping actor -> symbol, or a list."""
    return "map" if isinstance(value, dict) else "list"


_SYMBOL_NAMES = [s.value for s in Symbol]

ActorList = Annotated[
    Annotated[list[Text], Tag("list"), Field(min_length=1)]
    | Annotated[dict[Text, SymbolText], Tag("map"), Field(min_length=1)],
    Discriminator(_actor_form),
    BeforeValidator(_one_or_many),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "minLength": 1},
                {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
                {
                    "type": "object",
                    "minProperties": 1,
                    "additionalProperties": {"type": "string", "enum": _SYMBOL_NAMES},
                },
            ]
        }
    ),
]
"""One actor, several actors who do a step together (in the order of the work), or a mapping
actor -> symbol for a row whose actor columns hold different symbols (in the order of the work)."""


class Status(str, Enum):
    """Whether an SOP is in force."""

    DRAFT = "draf"
    IN_FORCE = "berlaku"
    REVOKED = "dicabut"


