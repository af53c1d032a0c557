"""Notes on valid SOPs: things a clerk may want to know, which are not problems.

`sopbook check` prints them (marked "catatan") without failing. Today: steps whose Waktu names
no number ("Setiap saat", "Pada hari dan jam kerja") are shown as written but left out of the
TOTAL WAKTU PENYELESAIAN.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .loading import LoadedSop, format_path

__all__ = ["Note", "notes", "unmeasured_waktu"]


@dataclass(frozen=True, slots=True, order=True)
class Note:
    """A remark on a valid SOP, printed as ``file:line:col: catatan: field.path: message``
    (marked, so that notes and problems never look alike)."""

    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: catatan: {self.field}: {self.message}"


def unmeasured_waktu(loaded: LoadedSop) -> list[Note]:
    """One note per step whose Waktu is not summed: text without a number, or a unit such as
    bulan that does not convert to working days."""
    found = []
    for index, step in enumerate(loaded.sop.steps):
        waktu = step.waktu
        if waktu is not None and not waktu.measured:
            path = ("langkah", index, "waktu")
            line, column = loaded.positions.of(path)
            why = (
                f"memakai satuan '{waktu.unit}' yang tidak dapat dijumlahkan dengan hari kerja"
                if waktu.unit
                else "tidak memuat angka"
            )
            message = (
                f"Waktu {waktu.text!r} {why}; ditampilkan apa adanya dan tidak dihitung dalam "
                "Total Waktu Penyelesaian"
            )
            found.append(Note(loaded.source, line, column, format_path(path), message))
    return found


def notes(sops: Iterable[LoadedSop]) -> list[Note]:
    """Every note on the given SOPs, in file and line order."""
    return sorted(note for loaded in sops for note in unmeasured_waktu(loaded))
