"""The SOP as typed models: the single source of truth for the YAML format.

One definition validates a file (`Sop.model_validate`), documents it (field descriptions)
and exports the JSON Schema that editors use for completion (`sop_json_schema()`).

Field names are Indonesian, as in the official *SOP Administrasi Pemerintahan* documents
(Permenpan RB 35/2012); Python attribute names are English, with the Indonesian name as alias.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from functools import cached_property
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
)

from .dates import PartialDate, parse_date
from ..messages import say
from .timing import Duration, Total, Waktu, read_waktu, total_waktu

__all__ = [
    "Sop",
    "Step",
    "Signature",
    "Symbol",
    "Status",
    "Revision",
    "sop_json_schema",
    "cross_field_problems",
]


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


def _lower(value: Any) -> Any:
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


class _Model(BaseModel):
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


ActorList = Annotated[
    list[Text],
    BeforeValidator(_one_or_many),
    Field(min_length=1),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "minLength": 1},
                {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
            ]
        }
    ),
]
"""One actor, or several actors who do a step together (in the order of the work)."""


class Status(str, Enum):
    """Whether an SOP is in force."""

    DRAFT = "draf"
    IN_FORCE = "berlaku"
    REVOKED = "dicabut"


class Step(_Model):
    """One row of the procedure table (Uraian Prosedur)."""

    model_config = ConfigDict(
        json_schema_extra={
            # editors see that a keputusan is decided by one actor
            "if": {"properties": {"simbol": {"const": "keputusan"}}, "required": ["simbol"]},
            "then": {
                "properties": {
                    "pelaksana": {
                        "anyOf": [{"type": "string"}, {"type": "array", "maxItems": 1}],
                    }
                }
            },
        }
    )

    description: Text = Field(alias="uraian", description="Uraian Prosedur: what is done.")
    actors: ActorList = Field(
        alias="pelaksana",
        description=(
            "The Pelaksana who does this step: one of the SOP's `pelaksana`, or a list of them "
            "when several actors do the step together (in the order of the work), e.g. "
            "[Kepala Seksi, Kepala Bidang]. A keputusan has one actor."
        ),
    )
    symbol: Annotated[Symbol | None, BeforeValidator(_lower)] = Field(
        None,
        alias="simbol",
        description=(
            "Flowchart symbol: mulai (start), proses (process), keputusan (decision) or "
            "selesai (end), in any case. Default: mulai for the first step, selesai for the last, "
            "proses otherwise."
        ),
    )
    yes: int | None = Field(
        None,
        alias="ya",
        ge=1,
        description="For a keputusan: the step number (1-based) taken when the answer is Ya.",
    )
    no: int | None = Field(
        None,
        alias="tidak",
        ge=1,
        description="For a keputusan: the step number (1-based) taken when the answer is Tidak.",
    )
    requirements: TextList = Field(
        default_factory=list, alias="kelengkapan", description="Mutu Baku: Kelengkapan."
    )
    time: WaktuText = Field(
        None,
        alias="waktu",
        description=(
            "Mutu Baku: Waktu as written, e.g. '5 menit', '1,5 jam', '2 hari kerja', "
            "'2 minggu' (a minggu is 5 working days), a range '1-2 hari' or '1 s.d. 2 hari', "
            "'1 x 24 jam', 'Paling lambat 17 hari kerja', or a text without a number "
            "('Setiap saat', 'Pada hari dan jam kerja': shown, not summed). A number needs a "
            "known unit. '-' or empty when the document gives none."
        ),
    )
    output: TextList = Field(default_factory=list, alias="output", description="Mutu Baku: Output.")
    remarks: TextList = Field(
        default_factory=list,
        alias="keterangan",
        description="Keterangan, often the title of a related SOP.",
    )

    @property
    def actor(self) -> str:
        """The (first) actor of the step; a keputusan has exactly one."""
        return self.actors[0]

    @cached_property
    def waktu(self) -> Waktu | None:
        """The Waktu as read: measured (possibly a range) or only text; None when none."""
        return read_waktu(self.time)

    @cached_property
    def duration(self) -> Duration | None:
        """The measured Waktu (for a range, its lower end); None when not measured."""
        waktu = self.waktu
        return None if waktu is None else waktu.low


class Signature(_Model):
    """The signature block closing the document."""

    position: Text = Field(alias="jabatan", description="Jabatan, e.g. 'Lurah Pangongangan'.")
    name: Text | None = Field(None, alias="nama", description="Full name with titles.")
    rank: Text | None = Field(None, alias="pangkat", description="Pangkat, e.g. 'Penata Tingkat I'.")
    nip: Text | None = Field(None, alias="nip", description="NIP as written, with its spaces.")


class Revision(_Model):
    """One row of the Riwayat Revisi (revision history) table."""

    date: DateText = Field(
        alias="tanggal",
        description="Tanggal of the revision, written like other dates, e.g. '3 Maret 2025'.",
    )
    version: Text | None = Field(None, alias="versi", description="Versi, e.g. '2' or '1.1'.")
    change: Text = Field(alias="uraian", description="Uraian perubahan: what was changed.")
    by: Text | None = Field(None, alias="oleh", description="Who proposed or made the change.")


class Sop(_Model):
    """One SOP Administrasi Pemerintahan document."""

    model_config = ConfigDict(title="SOP Administrasi Pemerintahan")

    sample: bool = Field(
        False,
        alias="contoh",
        description="True for a sample SOP that is not an official document.",
    )
    organisation: list[Text] = Field(
        default_factory=list,
        alias="organisasi",
        description=(
            "Organisation hierarchy from the top, e.g. [Pemerintah Kota Madiun, "
            "Kecamatan Manguharjo, Kelurahan Pangongangan]. Empty when the document names none."
        ),
    )
    number: Text | None = Field(
        None, alias="nomor", description="Nomor SOP as written, e.g. '28.8.1.10'. Optional."
    )
    title: Text = Field(alias="nama", description="Nama SOP (Judul SOP).")
    created: DateText = Field(None, alias="tanggal_pembuatan", description="Tanggal Pembuatan.")
    revised: DateText = Field(None, alias="tanggal_revisi", description="Tanggal Revisi.")
    approved: DateText = Field(None, alias="tanggal_pengesahan", description="Tanggal Pengesahan.")
    effective: DateText = Field(None, alias="tanggal_efektif", description="Tanggal Efektif.")
    approved_by: Text | None = Field(None, alias="disahkan_oleh", description="Disahkan oleh.")
    status: Status = Field(
        Status.IN_FORCE,
        alias="status",
        description="draf (draft), berlaku (in force, the default) or dicabut (revoked).",
    )
    replaced_by: Text | None = Field(
        None,
        alias="diganti_oleh",
        description="For a revoked SOP: the SOP that replaces it, by number or title.",
    )
    legal_basis: TextList = Field(
        default_factory=list, alias="dasar_hukum", description="Dasar Hukum, one item per law."
    )
    qualifications: TextList = Field(
        default_factory=list, alias="kualifikasi_pelaksana", description="Kualifikasi Pelaksana."
    )
    related: TextList = Field(
        default_factory=list,
        alias="keterkaitan",
        description=(
            "Keterkaitan: related SOPs, by title ('SOP Administrasi Surat Masuk') or number; "
            "'-' when the document says none (shown as '-', names no SOP)."
        ),
    )
    equipment: TextList = Field(
        default_factory=list, alias="peralatan_perlengkapan", description="Peralatan/Perlengkapan."
    )
    warnings: TextList = Field(default_factory=list, alias="peringatan", description="Peringatan.")
    records: TextList = Field(
        default_factory=list, alias="pencatatan_pendataan", description="Pencatatan dan Pendataan."
    )
    actors: list[Text] = Field(
        alias="pelaksana",
        min_length=1,
        description="The Pelaksana (actors), in the order of the table's columns.",
    )
    steps: list[Step] = Field(
        alias="langkah", min_length=1, description="The procedure steps, in order."
    )
    signature: Signature | None = Field(
        None, alias="penandatangan", description="Signature block (jabatan, nama, pangkat, NIP)."
    )
    history: list[Revision] = Field(
        default_factory=list,
        alias="riwayat",
        description="Riwayat Revisi: the revisions, oldest first (tanggal, versi, uraian, oleh).",
    )

    # Derived values -------------------------------------------------------------------

    def symbol_of(self, index: int) -> Symbol:
        """The step's symbol, explicit or by position (0-based index)."""
        step = self.steps[index]
        if step.symbol is not None:
            return step.symbol
        if index == 0:
            return Symbol.START
        if index == len(self.steps) - 1:
            return Symbol.END
        return Symbol.PROCESS

    @cached_property
    def total_time(self) -> Total | None:
        """TOTAL WAKTU PENYELESAIAN: the sum of the steps' measured Waktu (a range when a step
        gives one) and the count of steps whose Waktu names no number; None when no step
        states a Waktu."""
        return total_waktu([step.waktu for step in self.steps])

    @cached_property
    def approved_date(self) -> PartialDate | None:
        return parse_date(self.approved)

    @cached_property
    def revised_date(self) -> PartialDate | None:
        return parse_date(self.revised)


def cross_field_problems(data: Any) -> list[tuple[tuple[str | int, ...], str]]:
    """Checks that span fields: actors named by steps, decision targets, duplicates.

    Works on the raw mapping (before or without model validation) so that these problems are
    reported together with schema errors. Returns (path, message) pairs; paths use the YAML
    keys and 0-based list indexes.
    """
    problems: list[tuple[tuple[str | int, ...], str]] = []
    if not isinstance(data, Mapping):
        return problems
    actors = data.get("pelaksana")
    actor_names = (
        [a.strip() for a in actors if isinstance(a, str)] if isinstance(actors, list) else None
    )
    if actor_names is not None:
        seen: set[str] = set()
        for i, name in enumerate(actor_names):
            if name in seen:
                problems.append((("pelaksana", i), say("actor.twice", name=name)))
            seen.add(name)
    status = data.get("status")
    if data.get("diganti_oleh") not in (None, "") and not (isinstance(status, str) and status.strip() == "dicabut"):
        problems.append((("diganti_oleh",), "'diganti_oleh' hanya dipakai bersama 'status: dicabut'"))
    steps = data.get("langkah")
    if not isinstance(steps, list):
        return problems
    count = len(steps)
    for i, step in enumerate(steps):
        if not isinstance(step, Mapping):
            continue
        named = step.get("pelaksana")
        if isinstance(named, str):
            step_actors: list[tuple[tuple[str | int, ...], str]] = [(("langkah", i, "pelaksana"), named)]
        elif isinstance(named, list):
            step_actors = [
                (("langkah", i, "pelaksana", j), a) for j, a in enumerate(named) if isinstance(a, str)
            ]
        else:
            step_actors = []
        seen_here: set[str] = set()
        for path, actor in step_actors:
            actor = actor.strip()
            if actor_names is not None and actor and actor not in actor_names:
                hint = _did_you_mean(actor, actor_names)
                problems.append(
                    (path, say("actor.undeclared", name=actor, names=", ".join(actor_names), hint=hint))
                )
            elif actor in seen_here:
                problems.append((path, say("actor.twice_in_step", name=actor)))
            seen_here.add(actor)
        symbol = step.get("simbol")
        symbol_text = symbol.strip().lower() if isinstance(symbol, str) else None
        if symbol_text is not None and symbol_text not in {s.value for s in Symbol}:
            continue  # the schema reports the unknown symbol; ya/tidak cannot be judged
        is_decision = symbol_text == Symbol.DECISION.value
        if is_decision and len(step_actors) > 1:
            problems.append(
                (("langkah", i, "pelaksana"), say("decision.one_actor"))
            )
        for key in ("ya", "tidak"):
            target = step.get(key)
            if target is None:
                if is_decision:
                    problems.append(
                        (("langkah", i), say("decision.needs", key=key))
                    )
                continue
            if not is_decision:
                problems.append(
                    ((("langkah", i, key)), say("decision.only", key=key))
                )
                continue
            try:
                number = int(str(target).strip())
            except ValueError:
                continue  # the schema reports the type error
            if not 1 <= number <= count:
                problems.append(
                    (("langkah", i, key), say("decision.no_target", number=number, count=count))
                )
            elif number == i + 1:
                problems.append((("langkah", i, key), say("decision.self")))
    return problems


def _did_you_mean(word: str, choices: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return say("field.did_you_mean", name=close[0]) if close else ""


def sop_json_schema() -> dict[str, Any]:
    """JSON Schema of the SOP YAML format (by its Indonesian field names)."""
    schema = Sop.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
