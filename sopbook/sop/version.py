"""The version of an SOP as a printed sheet names it.

The QR code on a printed sheet carries the page address and the version printed, so that
opening it can tell whether the sheet is still the current one (issue 26). The version is the
revision number of the last `riwayat` row when it has one (`?versi=2`), otherwise the SOP's
latest date (`?tanggal=2025-03-03`): the last `riwayat` date, `tanggal_revisi`,
`tanggal_pengesahan` or `tanggal_efektif`, whichever is latest. A short digest of the printed
content follows (`&isi=1a2b3c4d`): an edit saved without a new version or date still makes an
older sheet "not the latest".
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from .dates import PartialDate, parse_date
from .model import Sop

__all__ = ["Version", "sop_version", "latest_date"]


@dataclass(frozen=True, slots=True)
class Version:
    """What a printed sheet names: `kind` is "versi" or "tanggal", `token` the value in the
    QR address, `number` the revision number (if any) and `date` the date as written."""

    kind: str
    token: str
    number: str | None
    date: str | None
    digest: str = ""  # of the document's content (`Sop.document_digest`)

    @property
    def query(self) -> str:
        """The query string added to the page address in the QR code: `?versi=2&isi=1a2b3c4d`
        (`isi`: the content printed, so that an edit that named no new version is noticed)."""
        tail = f"&isi={self.digest}" if self.digest else ""
        return f"?{self.kind}={quote(self.token, safe='')}{tail}"

    def words(self) -> str:
        """The version in words, as the footer and the page print it."""
        if self.number and self.date:
            return f"Versi {self.number}, {self.date}"
        if self.number:
            return f"Versi {self.number}"
        return f"Versi tanggal {self.date}"


def latest_date(sop: Sop) -> PartialDate | None:
    """The SOP's latest date: of the last revision, of approval or of taking effect."""
    found: list[PartialDate] = []
    for text in (sop.revised, sop.approved, sop.effective, sop.history[-1].date if sop.history else None):
        try:
            parsed = parse_date(text)
        except ValueError:
            parsed = None
        if parsed is not None:
            found.append(parsed)
    return max(found, key=lambda d: d.sort_key) if found else None


def _iso(date: PartialDate) -> str:
    parts = [f"{date.year:04d}"]
    if date.month:
        parts.append(f"{date.month:02d}")
        if date.day:
            parts.append(f"{date.day:02d}")
    return "-".join(parts)


def sop_version(sop: Sop, *, digest: bool = True) -> Version | None:
    """The version a sheet printed now names; None for an SOP with neither number nor date.
    `digest=False` leaves out the content digest (a catalogue record needs only the words)."""
    when = latest_date(sop)
    number = sop.history[-1].version if sop.history else None
    if number:
        return Version("versi", " ".join(number.split()), number, when.text if when else None, sop.document_digest if digest else "")
    if when is not None:
        return Version("tanggal", _iso(when), None, when.text, sop.document_digest if digest else "")
    return None
