"""The summary of `diff_sops` as text for a terminal, Markdown for a pull-request comment (YAML
text escaped so it cannot add links, HTML or mentions) and JSON for tools.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .compare import FileChange

# Presentation --------------------------------------------------------------------------------

STATUS_WORDS = {
    "baru": "SOP baru",
    "diubah": "Diubah",
    "dipindah": "Dipindah/diganti nama",
    "dihapus": "Dihapus",
    "tidak_valid": "Berkas tidak valid",
    "rujukan": "Rujukan putus",
}


def _counts(changes: list[FileChange]) -> str:
    """'1 SOP baru, 2 diubah, 1 dihapus' in the order of the summary."""
    words = {"baru": "SOP baru", "diubah": "diubah", "dipindah": "dipindah", "dihapus": "dihapus",
             "tidak_valid": "tidak valid", "rujukan": "dengan rujukan putus"}
    counts: dict[str, int] = {}
    for change in changes:
        counts[change.status] = counts.get(change.status, 0) + 1
    return ", ".join(f"{counts[k]} {w}" for k, w in words.items() if k in counts)


def _headline(change: FileChange) -> str:
    return f"{STATUS_WORDS[change.status]}: {change.label}"


def format_text(changes: Iterable[FileChange]) -> str:
    """Plain text for a terminal."""
    changes = list(changes)
    if not changes:
        return "Tidak ada perubahan SOP.\n"
    lines = [f"{len(changes)} berkas SOP berubah: {_counts(changes)}.", ""]
    for change in changes:
        lines.append(_headline(change))
        lines.append(f"  berkas: {change.path}")
        for item in change.changes:
            lines.append(f"  - {item.text}")
        lines.append("")
    return "\n".join(lines)


def _md(text: str) -> str:
    """Text safe inside a Markdown list item of a PR comment (no HTML, no links, no mentions)."""
    out = []
    for ch in text:
        if ch in "\\`*_{}[]<>()#+!|~@&":
            out.append("\\" + ch)
        elif ch in "\r\n":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def format_markdown(changes: Iterable[FileChange]) -> str:
    """Markdown for a pull-request comment or a CI job summary."""
    changes = list(changes)
    lines = ["## Ringkasan perubahan SOP", ""]
    if not changes:
        return "\n".join([*lines, "Tidak ada perubahan SOP.", ""])
    lines += [f"{len(changes)} berkas SOP berubah: {_counts(changes)}.", ""]
    for change in changes:
        lines.append(f"### {_md(_headline(change))}")
        lines.append("")
        lines.append(f"Berkas: `{change.path.replace('`', '').replace(chr(10), ' ')}`")
        lines.append("")
        for item in change.changes:
            lines.append(f"- {_md(item.text)}")
        lines.append("")
    return "\n".join(lines)


def as_json(changes: Iterable[FileChange]) -> list[dict[str, Any]]:
    return [
        {
            "status": c.status,
            "berkas": c.path,
            "berkas_lama": c.old_path,
            "nomor": c.number,
            "nama": c.title,
            "perubahan": [{"jenis": i.kind, "teks": i.text, **i.data} for i in c.changes],
        }
        for c in changes
    ]
