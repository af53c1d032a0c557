"""The machine-readable catalogue (catalogue.json): a record per SOP and the SOPs not yet written."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..sop.model import Sop, Symbol
from ..sop.version import sop_version
from .catalogue import Catalogue, Entry
from .lifecycle import Schedule
from .references import References


def catalogue_records(
    catalogue: Catalogue, references: References, url: Callable[[str], str], schedule: Schedule | None = None
) -> dict[str, Any]:
    """The machine-readable catalogue (catalogue.json): every SOP, and SOPs not yet written."""
    schedule = schedule or Schedule.default()
    return {
        "sop": [sop_record(entry, url, schedule) for entry in catalogue],
        "belum_tersedia": missing_records(references, url),
    }


def sop_record(entry: Entry, url: Callable[[str], str], schedule: Schedule | None = None) -> dict[str, Any]:
    """One SOP of catalogue.json: made from the SOP, its address and the schedule (build date,
    review interval) only."""
    sop = entry.sop
    version = sop_version(sop, digest=False)
    return {
        "nomor": sop.number,
        "nama": sop.title,
        "organisasi": list(sop.organisation),
        "tanggal_pengesahan": sop.approved,
        "tanggal_revisi": sop.revised,
        "tanggal_efektif": sop.effective,
        "url": url(entry.path),
        "pelaksana": list(sop.actors),
        "jumlah_langkah": len(sop.steps),
        "simbol": symbol_counts(sop),
        "total_waktu": sop.total_time.format() if sop.total_time else None,
        "contoh": sop.sample,
        "status": sop.status.value,
        "diganti_oleh": sop.replaced_by,
        "versi": version.words() if version else None,
        "pemantauan": (schedule or Schedule.default()).of(sop).record(),
    }


def symbol_counts(sop: Sop) -> dict[str, int]:
    """How many symbols of each kind the procedure table draws, one per actor cell (a row of
    different symbols counts each; an SOP may end in several selesai)."""
    counts = {symbol.value: 0 for symbol in Symbol}
    for index in range(len(sop.steps)):
        for _, symbol in sop.symbols_of(index):
            counts[symbol.value] += 1
    return counts


def missing_records(references: References, url: Callable[[str], str]) -> list[dict[str, Any]]:
    """The SOPs cited but not in the portal ("belum_tersedia" of catalogue.json)."""
    return [
        {
            "nama": item.title,
            "dirujuk_oleh": [
                {"nomor": e.sop.number, "nama": e.sop.title, "url": url(e.path)} for e in item.cited_by
            ],
        }
        for item in references.missing
    ]
