"""Hostile SOP texts for the escaping tests: markup, attribute breakers, template syntax, URL
schemes. Every payload carries a marker (`sopbook-x`, `onerror`, `alert(`) that must never
become an element, an attribute or a script anywhere in the built site."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import strategies as st

PAYLOADS = [
    "<sopbook-x>",
    "</sopbook-x>",
    "<sopbook-x sopbook-attr=1>",
    "<img src=x onerror=alert(1)>",
    '" onerror="alert(2)',
    "' onerror='alert(3)",
    "</title><script>alert(4)</script>",
    "<svg onload=alert(5)>",
    "{{ 7*7 }}",
    "{% raw %}",
    "%%{init: {}}%%",
    "%%",
    "javascript:alert(6)",
    "&lt;sopbook-x&gt;",
    "&amp;",
    "&#60;sopbook-x&#62;",
    "`",
    "[Domisili]",
    "#",
    ";",
    "-->",
    "\u202e",
    "中文",
]

CONFIG = """\
site_name: Uji
docs_dir: docs
repo_url: https://example.org/kantor/portal
edit_uri: edit/main/docs/
theme:
  name: material
  custom_dir: overrides
  font: false
  features: [navigation.path, navigation.footer, content.action.edit]
plugins:
  - search
  - sopbook{options}
"""

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzAB0123456789", min_size=1, max_size=6)


def hostile_text(prefix: str = "") -> st.SearchStrategy[str]:
    """A text of a few payloads and words; `prefix` keeps it distinct from the others."""
    parts = st.lists(st.sampled_from(PAYLOADS) | WORD, min_size=1, max_size=4)
    return parts.map(lambda p: " ".join([prefix, *p]).strip())


@st.composite
def hostile_portal(draw: st.DrawFn) -> dict[str, dict]:
    """Two SOPs (B cites A by title, and an SOP that does not exist) in two units whose
    every text is hostile."""
    org = [draw(hostile_text("Pemda")), draw(hostile_text("Dinas"))]
    actors = [draw(hostile_text("Lurah")), draw(hostile_text("Staf"))]

    def step(i: int, actor: str) -> dict:
        return {
            "uraian": draw(hostile_text(f"Langkah{i}")),
            "pelaksana": actor,
            "kelengkapan": draw(hostile_text(f"Kelengkapan{i}")),
            "output": draw(hostile_text(f"Output{i}")),
            "keterangan": draw(hostile_text(f"Catatan{i}")),
            "waktu": "5 menit",
        }

    a = {
        "organisasi": org,
        "nomor": draw(hostile_text("1.1")),
        "nama": draw(hostile_text("Judul Pertama")),
        "disahkan_oleh": draw(hostile_text("Kepala")),
        "dasar_hukum": [draw(hostile_text("Perda"))],
        "kualifikasi_pelaksana": [draw(hostile_text("SMA"))],
        "peralatan_perlengkapan": [draw(hostile_text("ATK"))],
        "peringatan": [draw(hostile_text("Awas"))],
        "pencatatan_pendataan": [draw(hostile_text("Arsip"))],
        "keterkaitan": [draw(hostile_text("SOP Tidak Ada"))],
        "pelaksana": actors,
        "langkah": [step(1, actors[0]), step(2, actors[1]), step(3, actors[0])],
        "penandatangan": {
            "jabatan": draw(hostile_text("Jabatan")),
            "nama": draw(hostile_text("Nama")),
            "nip": draw(hostile_text("19700101")),
        },
    }
    b = {
        "organisasi": org[:1],
        "nomor": draw(hostile_text("2.2")),
        "nama": draw(hostile_text("Judul Kedua")),
        "keterkaitan": [a["nama"]],
        "pelaksana": actors[:1],
        "langkah": [step(9, actors[0])],
    }
    return {"a.yml": a, "b.yml": b}


def write_portal(root: Path, portal: dict[str, dict], options: str = "") -> None:
    """A fresh MkDocs project at `root` holding `portal` (JSON is YAML)."""
    for folder in ("docs", "content", "overrides"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    (root / "docs" / "index.md").write_text("# Beranda\n")
    (root / "mkdocs.yml").write_text(CONFIG.format(options=options))
    for old in (root / "content").glob("*.yml"):
        old.unlink()
    for name, data in portal.items():
        (root / "content" / name).write_text(json.dumps(data, ensure_ascii=False, indent=1))


def texts(data: object) -> list[str]:
    """Every text in an SOP's data."""
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [t for value in data.values() for t in texts(value)]
    if isinstance(data, list):
        return [t for value in data for t in texts(value)]
    return []


def normal(text: str) -> str:
    return " ".join(text.split())


FIXED = {
    "a.yml": {
        "organisasi": ["Pemerintah <b>Kota</b> Uji", "BIDANG <i>PELAYANAN</i> <sopbook-x>"],
        "nomor": "1.1 <sopbook-x>",
        "nama": "Uji <img src=x onerror=alert(1)> </title><script>alert(2)</script> [Domisili]",
        "keterkaitan": ["SOP <sopbook-x> Tidak Ada"],
        "pelaksana": ["Lurah <sopbook-x>", "Staf \" onerror=\"alert(3)"],
        "langkah": [
            {"uraian": "Menerima <sopbook-x> berkas", "pelaksana": "Lurah <sopbook-x>", "waktu": "5 menit"},
            {"uraian": "Memeriksa {{ 7*7 }} %%", "pelaksana": "Staf \" onerror=\"alert(3)", "waktu": "1 jam"},
        ],
    },
    "b.yml": {
        "organisasi": ["Pemerintah <b>Kota</b> Uji"],
        "nomor": "2.2",
        "nama": "Judul Kedua javascript:alert(4)",
        "keterkaitan": ["Uji <img src=x onerror=alert(1)> </title><script>alert(2)</script> [Domisili]"],
        "pelaksana": ["Lurah"],
        "langkah": [{"uraian": "Bekerja", "pelaksana": "Lurah", "waktu": "5 menit"}],
    },
}
"""The hostile portal of issue 11, for the browser tests."""

__all__ = ["PAYLOADS", "CONFIG", "FIXED", "hostile_portal", "hostile_text", "write_portal", "texts", "normal"]
