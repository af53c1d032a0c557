"""The summary of `diff_sops` as text for a terminal, Markdown for a pull-request comment (YAML
text escaped so it cannot add links, HTML or mentions) and JSON for tools.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..messages import define, say
from .compare import FileChange

_WORDS = {  # status: (headline, count), Indonesian and English
    "baru": (("SOP baru", "New SOP"), ("SOP baru", "new SOP(s)")),
    "diubah": (("Diubah", "Changed"), ("diubah", "changed")),
    "dipindah": (("Dipindah/diganti nama", "Moved/renamed"), ("dipindah", "moved")),
    "dihapus": (("Dihapus", "Removed"), ("dihapus", "removed")),
    "tidak_valid": (("Berkas tidak valid", "Invalid file"), ("tidak valid", "invalid")),
    "rujukan": (("Rujukan putus", "Broken reference"), ("dengan rujukan putus", "with a broken reference")),
}
for _status, ((_id, _en), (_count_id, _count_en)) in _WORDS.items():
    define(f"diff.status.{_status}", id=_id, en=_en)
    define(f"diff.count.{_status}", id=_count_id, en=_count_en)
define("diff.nothing", id="Tidak ada perubahan SOP.", en="No SOP changed.")
define("diff.files_changed", id="{count} berkas SOP berubah: {counts}.", en="{count} SOP file(s) changed: {counts}.")
define("diff.file", id="berkas: {path}", en="file: {path}")
define("diff.file_md", id="Berkas: {path}", en="File: {path}")
define("diff.heading", id="Ringkasan perubahan SOP", en="Summary of SOP changes")


def _counts(changes: list[FileChange]) -> str:
    """'1 SOP baru, 2 diubah, 1 dihapus' in the order of the summary."""
    counts: dict[str, int] = {}
    for change in changes:
        counts[change.status] = counts.get(change.status, 0) + 1
    return ", ".join(f"{counts[k]} {say(f'diff.count.{k}')}" for k in _WORDS if k in counts)


def _headline(change: FileChange) -> str:
    return f"{say(f'diff.status.{change.status}')}: {change.label}"


def format_text(changes: Iterable[FileChange]) -> str:
    """Plain text for a terminal."""
    changes = list(changes)
    if not changes:
        return say("diff.nothing") + "\n"
    lines = [say("diff.files_changed", count=len(changes), counts=_counts(changes)), ""]
    for change in changes:
        lines.append(_headline(change))
        lines.append("  " + say("diff.file", path=change.path))
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
    lines = ["## " + say("diff.heading"), ""]
    if not changes:
        return "\n".join([*lines, say("diff.nothing"), ""])
    lines += [say("diff.files_changed", count=len(changes), counts=_counts(changes)), ""]
    for change in changes:
        lines.append(f"### {_md(_headline(change))}")
        lines.append("")
        path = change.path.replace("`", "").replace("\n", " ")
        lines.append(say("diff.file_md", path=f"`{path}`"))
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
