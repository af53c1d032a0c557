"""The SOP as typed models: the single source of truth for the YAML format.

One definition validates a file (`Sop.model_validate`), documents it (field descriptions)
and exports the JSON Schema that editors use for completion (`sop_json_schema()`).

Field names are Indonesian, as in the official *SOP Administrasi Pemerintahan* documents
(Permenpan RB 35/2012); Python attribute names are English, with the Indonesian name as alias.
"""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, Any

from pydantic import BeforeValidator, ConfigDict, Field

from .dates import PartialDate, parse_date
from .fields import (
    NONE_MARKS,
    ActorList,
    DateText,
    Status,
    Symbol,
    Text,
    TextList,
    WaktuText,
    lower_symbol,
    FormModel,
)
from .monitoring import Evaluation, IntervalText, Monitoring
from .timing import Duration, Total, Waktu, read_waktu, total_waktu

__all__ = [
    "Sop",
    "Step",
    "Signature",
    "Symbol",
    "Status",
    "Revision",
    "NONE_MARKS",
    "sop_json_schema",
]


class Step(FormModel):
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

    number: int | None = Field(
        None,
        alias="no",
        ge=1,
        description=(
            "The step number as printed, only when the numbering is not 1, 2, 3... in order "
            "(e.g. it skips a number). Numbers increase; a step without `no` follows the one "
            "before it. `ya`, `tidak` and every reference to a step use printed numbers."
        ),
    )
    description: Text = Field(alias="uraian", description="Uraian Prosedur: what is done.")
    performers: ActorList = Field(
        alias="pelaksana",
        description=(
            "The Pelaksana who does this step: one of the SOP's `pelaksana`; a list of them "
            "when several actors do the step together and draw the same symbol (in the order "
            "of the work), e.g. [Kepala Seksi, Kepala Bidang]; or a mapping actor -> symbol "
            "for a row whose actor columns hold different symbols, in the order of the work, "
            "e.g. {Kepala Bagian Umum: mulai, Tim SDM: proses}. A list-form keputusan has one "
            "actor; a mapping holds at most one keputusan."
        ),
    )
    symbol: Annotated[Symbol | None, BeforeValidator(lower_symbol)] = Field(
        None,
        alias="simbol",
        description=(
            "Flowchart symbol: mulai (start), proses (process), keputusan (decision) or "
            "selesai (end), in any case. Default: mulai for the first step, selesai for the last, "
            "proses otherwise. Not used with a mapping `pelaksana` (its values are the symbols)."
        ),
    )
    symbol_text: Text | None = Field(
        None,
        alias="teks_simbol",
        description="The text printed inside the step's symbol, most often a diamond: 'Setuju?'.",
    )
    yes: int | None = Field(
        None,
        alias="ya",
        ge=1,
        description="For a keputusan: the (printed) step number taken when the answer is Ya.",
    )
    no_target: int | None = Field(
        None,
        alias="tidak",
        ge=1,
        description="For a keputusan: the (printed) step number taken when the answer is Tidak.",
    )
    yes_label: Text | None = Field(
        None,
        alias="label_ya",
        description="For a keputusan: the Ya branch's label as printed, e.g. 'Y' or 'A'. Default 'Ya'.",
    )
    no_label: Text | None = Field(
        None,
        alias="label_tidak",
        description="For a keputusan: the Tidak branch's label as printed, e.g. 'T' or 'B'. Default 'Tidak'.",
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

    @cached_property
    def actors(self) -> list[str]:
        """The actors of the step, in the order of the work (a mapping's keys)."""
        return list(self.performers)

    @property
    def actor(self) -> str:
        """The (first) actor of the step; a keputusan has exactly one."""
        return self.actors[0]

    @cached_property
    def actor_symbols(self) -> dict[str, Symbol] | None:
        """For a mapping `pelaksana`: each actor's symbol, in the order of the work; else None."""
        return dict(self.performers) if isinstance(self.performers, dict) else None

    @property
    def no(self) -> int | None:
        """For a keputusan: the (printed) step number taken when the answer is Tidak. (The
        field is `no_target`: the name `no` would also take the YAML key `no`, the printed
        step number.)"""
        return self.no_target

    @property
    def yes_text(self) -> str:
        """The Ya branch's label as printed ("Ya" unless `label_ya` says otherwise)."""
        return self.yes_label or "Ya"

    @property
    def no_text(self) -> str:
        """The Tidak branch's label as printed ("Tidak" unless `label_tidak` says otherwise)."""
        return self.no_label or "Tidak"

    @cached_property
    def waktu(self) -> Waktu | None:
        """The Waktu as read: measured (possibly a range) or only text; None when none."""
        return read_waktu(self.time)

    @cached_property
    def duration(self) -> Duration | None:
        """The measured Waktu (for a range, its lower end); None when not measured."""
        waktu = self.waktu
        return None if waktu is None else waktu.low


class Signature(FormModel):
    """The signature block closing the document."""

    position: Text = Field(alias="jabatan", description="Jabatan, e.g. 'Lurah Pangongangan'.")
    name: Text | None = Field(None, alias="nama", description="Full name with titles.")
    rank: Text | None = Field(None, alias="pangkat", description="Pangkat, e.g. 'Penata Tingkat I'.")
    nip: Text | None = Field(None, alias="nip", description="NIP as written, with its spaces.")
    electronic: bool = Field(
        False,
        alias="elektronik",
        description="true when the signed original was signed electronically (a certified "
        "electronic signature instead of ink): the printed block says so.",
    )


class Revision(FormModel):
    """One row of the Riwayat Revisi (revision history) table."""

    date: DateText = Field(
        alias="tanggal",
        description="Tanggal of the revision, written like other dates, e.g. '3 Maret 2025'.",
    )
    version: Text | None = Field(None, alias="versi", description="Versi, e.g. '2' or '1.1'.")
    change: Text = Field(alias="uraian", description="Uraian perubahan: what was changed.")
    by: Text | None = Field(None, alias="oleh", description="Who proposed or made the change.")


class Sop(FormModel):
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
    review_every: IntervalText = Field(
        None,
        alias="kaji_ulang_setiap",
        description=(
            "How often this SOP is reviewed (evaluated), e.g. '2 tahun' or '18 bulan'; default: "
            "the portal's `review_interval` (1 tahun)."
        ),
    )
    monitoring: list[Monitoring] = Field(
        default_factory=list,
        alias="monitoring",
        description=(
            "Monitoring Pelaksanaan SOP AP (Tabel 7), at least every six months: tanggal, penilai, "
            "penilaian ('berjalan dengan baik' / 'tidak berjalan dengan baik'), catatan, tindakan."
        ),
    )
    evaluations: list[Evaluation] = Field(
        default_factory=list,
        alias="evaluasi",
        description=(
            "Evaluasi SOP: tanggal, penilai, kriteria (the seven criteria, ya/tidak with an optional "
            "catatan each) and kesimpulan."
        ),
    )

    # Derived values -------------------------------------------------------------------

    def symbol_of(self, index: int) -> Symbol:
        """The step's symbol, explicit or by position (0-based index). For a row whose actors
        draw different symbols: its keputusan if it has one, else the symbol of its last actor
        in the order of the work (where the flow goes on from)."""
        step = self.steps[index]
        mapping = step.actor_symbols
        if mapping is not None:
            values = list(mapping.values())
            return Symbol.DECISION if Symbol.DECISION in values else values[-1]
        if step.symbol is not None:
            return step.symbol
        if index == 0:
            return Symbol.START
        if index == len(self.steps) - 1:
            return Symbol.END
        return Symbol.PROCESS

    def symbols_of(self, index: int) -> list[tuple[str, Symbol]]:
        """(actor, symbol) of each symbol of the step's row, in the order of the work."""
        step = self.steps[index]
        if step.actor_symbols is not None:
            return list(step.actor_symbols.items())
        symbol = self.symbol_of(index)
        return [(actor, symbol) for actor in step.actors]

    def symbol_at(self, index: int, actor: str) -> Symbol | None:
        """The symbol drawn in an actor's column of the step's row (None: the cell is empty)."""
        return dict(self.symbols_of(index)).get(actor)

    @cached_property
    def numbers(self) -> list[int]:
        """The steps' numbers as printed: `no` where given, else one more than the step
        before (1 for the first)."""
        result: list[int] = []
        for step in self.steps:
            result.append(step.number if step.number is not None else (result[-1] + 1 if result else 1))
        return result

    def number_of(self, index: int) -> int:
        """The printed number of the step at a 0-based index."""
        return self.numbers[index]

    def index_of(self, number: int) -> int | None:
        """The 0-based index of the step printed with this number (None: no such step)."""
        try:
            return self.numbers.index(number)
        except ValueError:
            return None

    @cached_property
    def total_time(self) -> Total | None:
        """TOTAL WAKTU PENYELESAIAN: the sum of the steps' measured Waktu (a range when a step
        gives one) and the count of steps whose Waktu names no number; None when no step
        states a Waktu."""
        return total_waktu([step.waktu for step in self.steps])

    @cached_property
    def document_digest(self) -> str:
        """A short digest of what a printed sheet shows: every field but the records kept after
        signing (monitoring, evaluasi, kaji_ulang_setiap) and the status, so that a sheet printed
        before an edit that named no new version is still told apart (sop/version.py)."""
        import hashlib

        shown = self.model_dump_json(by_alias=True, exclude=_NOT_PRINTED)  # fields in model order
        return hashlib.sha1(shown.encode("utf-8")).hexdigest()[:8]

    @cached_property
    def approved_date(self) -> PartialDate | None:
        return parse_date(self.approved)

    @cached_property
    def revised_date(self) -> PartialDate | None:
        return parse_date(self.revised)


_NOT_PRINTED = {"monitoring", "evaluations", "review_every", "status", "replaced_by", "sample"}
"""Fields that do not change the document a sheet prints (see `Sop.document_digest`)."""


def sop_json_schema() -> dict[str, Any]:
    """JSON Schema of the SOP YAML format (by its Indonesian field names)."""
    schema = Sop.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
