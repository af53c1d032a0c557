"""The footer of every printed sheet: Nomor SOP, shortened Nama, the date line, "Halaman x dari
y" and a QR code to the page, as CSS margin boxes written into each SOP page."""

from __future__ import annotations

import base64
import functools
import io
import re

from markupsafe import Markup

from ..sop.model import Sop, Status
from ..sop.version import sop_version

QR_SIZE_MM = 17
TITLE_LIMIT = 70
FOOTER_FONT = "8pt sans-serif"


QR_MASK = 2
"""The QR data mask (0-7) of every code (see `qr_svg`)."""


@functools.lru_cache(maxsize=512)  # `mkdocs serve` renders a unit's pages again after each edit


def qr_svg(data: str, size_mm: float = QR_SIZE_MM) -> str:
    """A QR code of `data` as SVG, `size_mm` wide (generated here, no network)."""
    import segno

    # Any of the eight data masks makes a valid code that every reader decodes; letting segno
    # score all eight for the "best" one costs 4x the rest (7 ms a page, over a minute of CPU
    # for a 10,000-SOP portal), so one fixed mask is used.
    code = segno.make(data, error="m", mask=QR_MASK)
    modules = code.symbol_size(border=0)[0]
    out = io.BytesIO()
    code.save(out, kind="svg", xmldecl=False, svgns=True, border=0, unit="mm", scale=size_mm / modules)
    return out.getvalue().decode("ascii")


_CSS_SAFE = re.compile(r"[\w .,:;/()\-]", re.UNICODE)


def css_string(text: str) -> str:
    """`text` as a double-quoted CSS string that cannot end the string, the rule or a
    `<style>` element: everything but letters, digits and plain punctuation is a hex escape."""
    out = []
    for char in text:
        if _CSS_SAFE.fullmatch(char) and char != "\\":
            out.append(char)
        else:
            out.append(f"\\{ord(char):x} ")
    return '"' + "".join(out) + '"'


def shorten(text: str, limit: int = TITLE_LIMIT) -> str:
    """`text` cut at a word boundary to at most `limit` characters, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:-")
    return (cut or text[: limit - 1]) + "…"


def page_address(site_url: str | None, path: str) -> str | None:
    """The page's public address: `site_url` + the page's site-relative path."""
    if not site_url:
        return None
    return site_url.rstrip("/") + "/" + path.lstrip("/")


def date_line(sop: Sop) -> str | None:
    """"Tanggal Revisi: …" when revised, else "Tanggal Pengesahan: …", else None."""
    if sop.revised:
        return f"Tanggal Revisi: {sop.revised}"
    if sop.approved:
        return f"Tanggal Pengesahan: {sop.approved}"
    return None


def version_words(sop: Sop) -> str | None:
    """The version printed, in words, for the footer (issue 26): "Versi 2", or "Versi tanggal
    7 Juli 2024" for an SOP without a revision number; None when it names neither."""
    version = sop_version(sop, digest=False)
    if version is None:
        return None
    return f"Versi {version.number}" if version.number else version.words()


def footer_lines(sop: Sop) -> list[str]:
    words = version_words(sop)
    lines = [f"Nomor SOP: {sop.number or '-'}" + (f" \u00b7 {words}" if words else ""), shorten(sop.title)]
    dated = date_line(sop)
    if dated:
        lines.append(dated)
    if sop.status is Status.DRAFT:
        lines.append("DRAF")
    elif sop.status is Status.REVOKED:
        lines.append("DICABUT")
    return lines


def footer_style(sop: Sop, address: str | None) -> Markup:
    """The footer of every printed sheet of this SOP, as a `<style>` with `@page` margin
    boxes: SOP lines at the left, "Halaman x dari y" in the middle, the QR code of
    `address` at the right (none without an address), naming the version printed
    (`?versi=2` or `?tanggal=2025-03-03`): opening it tells whether the sheet is current."""
    text = css_string("\n".join(footer_lines(sop)))
    rules = [
        f"@bottom-left {{ content: {text}; white-space: pre; text-align: left; "
        f"vertical-align: middle; font: {FOOTER_FONT}; line-height: 1.3; color: #000; width: 120mm; }}",
        '@bottom-center { content: "Halaman " counter(page) " dari " counter(pages); '
        f"white-space: nowrap; width: 50mm; vertical-align: middle; font: {FOOTER_FONT}; color: #000; }}",
    ]
    version = sop_version(sop)
    if address and version is not None:
        address += version.query
    if address:
        data = base64.b64encode(qr_svg(address).encode("ascii")).decode("ascii")
        rules.append(
            f'@bottom-right {{ content: url("data:image/svg+xml;base64,{data}"); '
            "vertical-align: middle; text-align: right; }"
        )
    return Markup('<style media="print" class="sop-print-footer">@page { ' + " ".join(rules) + " }</style>")


