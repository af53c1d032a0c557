"""The form around the procedure table: identity block, the heading (organisation), six sections.

Works on positioned pieces of text only, so the PDF and docx readers share it through the mapper.
"""

from __future__ import annotations

import re
from typing import Any

from .grid import Piece

__all__ = ["identity", "organisation", "sections", "items"]

_IDENTITY = (
    ("nomor", re.compile(r"^nomor\s*(sop|pos)?\b", re.I)),
    ("tanggal_pembuatan", re.compile(r"^(tanggal|tgl\.?)\s*pembuatan", re.I)),
    ("tanggal_revisi", re.compile(r"^(tanggal|tgl\.?)\s*revisi", re.I)),
    ("tanggal_efektif", re.compile(r"^(tanggal|tgl\.?)\s*efektif", re.I)),
    ("tanggal_pengesahan", re.compile(r"^(tanggal|tgl\.?)\s*pengesahan", re.I)),
    ("disahkan_oleh", re.compile(r"^disahkan\s*oleh", re.I)),
    ("nama", re.compile(r"^(nama|judul)\s*(sop|pos)\b", re.I)),
)
_SECTIONS = (
    ("dasar_hukum", re.compile(r"^dasar\s*hukum", re.I)),
    ("kualifikasi_pelaksana", re.compile(r"^kualifikasi\s*pelaksana(an)?", re.I)),
    ("keterkaitan", re.compile(r"^keterkaitan", re.I)),
    ("peralatan_perlengkapan", re.compile(r"^peralatan\s*/?\s*(dan\s*)?perlengkapan", re.I)),
    ("peringatan", re.compile(r"^peringatan", re.I)),
    ("pencatatan_pendataan", re.compile(r"^pencatatan\s*(dan|&)?\s*pendataan", re.I)),
)
_MARK = re.compile(r"^(\d{1,2}[.),]|[a-z][.)]|[-•·▪◦*])(\s+|$)")
_NIP = re.compile(r"^NIP\.?\s*:?\s*", re.I)
_SMALL = {"dan", "di", "ke", "dari", "pada", "untuk", "atas", "serta", "yang"}


def _clean(text: str) -> str:
    text = " ".join(text.replace("\u00a0", " ").split()).strip()
    return re.sub(r"(\w)- (?=[A-Z])", r"\1-", text)


def _find(pieces: list[Piece], patterns) -> list[tuple[str, Piece, str]]:
    """(field, label piece, rest of the piece after the label)."""
    found: list[tuple[str, Piece, str]] = []
    seen: set[str] = set()
    for piece in sorted(pieces, key=lambda p: (p.page, p.top, p.x0)):
        for name, pattern in patterns:
            match = pattern.match(piece.text)
            if match and name not in seen:
                seen.add(name)
                found.append((name, piece, piece.text[match.end():].strip(" :\t")))
                break
    return found


def identity(pieces: list[Piece], draft) -> dict[str, Any]:
    labels = _find(pieces, _IDENTITY)
    sections_found = _find(pieces, _SECTIONS)
    out: dict[str, Any] = {}
    used: set[int] = set()
    for position, (name, label, rest) in enumerate(labels):
        following = [l for _, l, _ in labels[position + 1:] if l.page == label.page and l.top > label.top + 2]
        limit = min([l.top for l in following] + [s.top for _, s, _ in sections_found if s.page == label.page
                                                    and s.top > label.top + 2] + [1e9])
        start = label.top - 3
        if name == "disahkan_oleh":  # a tall cell: the jabatan may sit above a centred label
            above = [l for _, l, _ in labels[:position] if l.page == label.page]
            start = above[-1].bottom + 1 if above else start
        elif name != "nama":  # numbers and dates fill one line
            limit = min(limit, label.bottom + 3)
        value_pieces = [p for p in pieces if p.page == label.page and p is not label and p.x0 >= label.x1 - 2
                        and start <= p.top < limit - 1 and not any(p is l for _, l, _ in labels)]
        value_pieces.sort(key=lambda p: (round(p.top), p.x0))
        used.update(id(p) for p in value_pieces)
        lines = [_clean(p.text.lstrip(":").strip()) for p in value_pieces]
        lines = [l for l in ([rest] if rest else []) + lines if l]
        if name == "disahkan_oleh":
            _signature(lines, out)
            continue
        if not lines:
            continue
        value = _clean(" ".join(lines))
        out[name] = value
    return out


def _signature(lines: list[str], out: dict[str, Any]) -> None:
    """Jabatan first; then (after the signature) name, rank and NIP, each on its own line."""
    if not lines:
        return
    nip = next((l for l in lines if _NIP.match(l)), None)
    rest = [l for l in lines if l is not nip]
    jabatan = rest[0] if rest else ""
    if not jabatan:
        return
    out["disahkan_oleh"] = jabatan
    if len(rest) < 2 and not nip:
        return
    signature: dict[str, str] = {"jabatan": jabatan}
    if len(rest) > 1:
        signature["nama"] = rest[1]
    if len(rest) > 2:
        signature["pangkat"] = " ".join(rest[2:])
    if nip:
        signature["nip"] = _NIP.sub("", nip)
    out["penandatangan"] = signature


def _title(text: str) -> str:
    if text != text.upper():
        return text
    words = []
    for i, word in enumerate(text.split()):
        lower = word.lower()
        if i and lower in _SMALL:
            words.append(lower)
        elif not re.search(r"[AEIOU]", word) or word in ("BPS", "SDM", "BMN", "TI", "IT", "ULP", "PPID"):
            words.append(word)
        else:
            words.append(word.capitalize())
    return " ".join(words)


def organisation(pieces: list[Piece]) -> list[str]:
    """The heading left of the identity block on the first page: one level per line."""
    labels = _find(pieces, _IDENTITY)
    sections_found = _find(pieces, _SECTIONS)
    if not labels:
        return []
    first = labels[0][1]
    bottom = min([s.top for _, s, _ in sections_found if s.page == first.page] + [first.top + 200])
    heading = [p for p in pieces if p.page == first.page and p.x1 < first.x0 - 4 and p.top < bottom - 1
               and re.search(r"[A-Za-z]{3}", p.text)]
    heading.sort(key=lambda p: (round(p.top), p.x0))
    levels: list[str] = []
    for piece in heading:
        text = _title(_clean(piece.text))
        if levels and re.match(r"^(provinsi|kabupaten|kota|kab\.)\b", text, re.I) and not re.match(r"^pemerintah\b", levels[-1], re.I):
            levels[-1] = f"{levels[-1]} {text}"
        else:
            levels.append(text)
    return levels


def items(region: list[Piece]) -> str | list[str]:
    """The text of a section: numbered or bulleted items as a list, else one text."""
    region = sorted(region, key=lambda p: (round(p.top), p.x0))
    if _clean(" ".join(p.text for p in region)) in ("-", "–"):
        return "-"
    marks = [p for p in region if _MARK.match(p.text)]
    if not marks:
        return _clean(" ".join(p.text for p in region))
    groups: dict[int, list[Piece]] = {id(m): [m] for m in marks}
    lead: list[Piece] = []
    for piece in region:
        if id(piece) in groups:
            continue
        owner = [m for m in marks if m.x0 <= piece.x0 + 6 and (m.page, m.top) <= (piece.page, piece.top + 2)]
        if not owner:
            lead.append(piece)
            continue
        best = max(owner, key=lambda m: (m.x0 > piece.x0 - 200, m.page, round(m.top), m.x0))
        groups[id(best)].append(piece)
    out = []
    for mark in sorted(marks, key=lambda m: (m.x0 > marks[0].x0 + 40, m.page, m.top)):
        text = _clean(" ".join(p.text for p in groups[id(mark)]))
        text = _MARK.sub("", text, count=1).strip()
        if text:
            out.append(text)
    if lead:
        out.insert(0, _clean(" ".join(p.text for p in lead)))
    return out if len(out) != 1 else out[0]


def sections(pieces: list[Piece], draft) -> dict[str, Any]:
    titles = _find(pieces, _SECTIONS)
    out: dict[str, Any] = {}
    for name, title, rest in titles:
        same_row = [t for _, t, _ in titles if t is not title and t.page == title.page and abs(t.top - title.top) < 6]
        # two titles side by side (left-aligned or centred): the halves meet between them
        right = min([(title.x1 + t.x0) / 2 for t in same_row if t.x0 > title.x0] + [1e9])
        left = max([(t.x1 + title.x0) / 2 for t in same_row if t.x0 < title.x0] + [0])
        below = [t for _, t, _ in titles if t.page == title.page and t.top > title.top + 4
                 and t.x0 < right - 3 and t.x1 > left]
        limit = min([t.top for t in below] + [1e9])
        region = [p for p in pieces if p.page == title.page and p is not title and title.bottom - 2 < p.top < limit - 1
                  and left <= p.x0 < right and not any(p is t for _, t, _ in titles)]
        if rest:
            region.insert(0, Piece(rest, title.page, title.x1, title.top, title.x1 + 1, title.bottom))
        if not region:
            continue
        value = items(region)
        if value in ("", []):
            continue
        out[name] = value
    return out
