"""Notes on valid SOPs: things a clerk may want to know, which are not problems.

`sopbook check` prints them (marked "catatan") without failing. Today: steps whose Waktu names
no number ("Setiap saat", "Pada hari dan jam kerja") are shown as written but left out of the
TOTAL WAKTU PENYELESAIAN.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..messages import define, say
from .loading import LoadedSop
from .problems import Problem

__all__ = ["Note", "notes", "unmeasured_waktu"]

define("note.label", id="catatan", en="note")
define(
    "note.waktu_unit",
    id="Waktu {text!r} memakai satuan '{unit}' yang tidak dapat dijumlahkan dengan hari kerja; "
    "ditampilkan apa adanya dan tidak dihitung dalam Total Waktu Penyelesaian",
    en="Waktu {text!r} uses the unit '{unit}', which does not add up with working days; "
    "it is shown as written and left out of the Total Waktu Penyelesaian",
)
define(
    "note.waktu_text",
    id="Waktu {text!r} tidak memuat angka; ditampilkan apa adanya dan tidak dihitung dalam "
    "Total Waktu Penyelesaian",
    en="Waktu {text!r} has no number; it is shown as written and left out of the Total Waktu Penyelesaian",
)


class Note(Problem):
    """A remark on a valid SOP, printed as ``file:line:col: catatan: field.path: message``
    (marked, so that notes and problems never look alike). Placed like a `Problem`."""

    __slots__ = ()

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {say('note.label')}: {self.field}: {self.message}"


def unmeasured_waktu(loaded: LoadedSop) -> list[Note]:
    """One note per step whose Waktu is not summed: text without a number, or a unit such as
    bulan that does not convert to working days."""
    found = []
    for index, step in enumerate(loaded.sop.steps):
        waktu = step.waktu
        if waktu is not None and not waktu.measured:
            if waktu.unit:
                message = say("note.waktu_unit", text=waktu.text, unit=waktu.unit)
            else:
                message = say("note.waktu_text", text=waktu.text)
            placed = loaded.problem(("langkah", index, "waktu"), message)
            found.append(Note(placed.file, placed.line, placed.column, placed.field, placed.message))
    return found


def monitoring_without_action(loaded: LoadedSop) -> list[Note]:
    """One note per monitoring row that found the SOP not working well but names no
    Tindakan yang Harus Diambil (Tabel 7): the form expects one."""
    found = []
    for index, row in enumerate(loaded.sop.monitoring):
        if not row.good and not row.action:
            message = (
                "penilaian 'tidak berjalan dengan baik' tanpa 'tindakan'; isi Tindakan yang Harus "
                "Diambil, mis. tindakan: Revisi langkah 3"
            )
            placed = loaded.problem(("monitoring", index, "penilaian"), message)
            found.append(Note(placed.file, placed.line, placed.column, placed.field, placed.message))
    return found


def notes(sops: Iterable[LoadedSop]) -> list[Note]:
    """Every note on the given SOPs, in file and line order."""
    return sorted(
        note for loaded in sops for note in (*unmeasured_waktu(loaded), *monitoring_without_action(loaded))
    )
