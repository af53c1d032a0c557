"""User-facing message wording, decided in one place: Indonesian by default, English on request.

Every message a clerk may read (``sopbook check``, a failed ``mkdocs build``, the problem
banner of ``mkdocs serve``) is written here once per language, under a stable key::

    from .messages import say
    raise ValueError(say("date.day_range", day=31, month="Februari", text=text))

A module that needs new messages registers them next to its code, in both languages::

    from .messages import define
    define("waktu.range", id="rentang {text!r} terbalik", en="range {text!r} is reversed")

The language is, in order: `set_language()` (``sopbook --lang``), the environment variable
``SOPBOOK_LANG`` (``id`` or ``en``), an English locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``
starting with ``en``), else Indonesian.
"""

from __future__ import annotations

import os
from string import Formatter

__all__ = ["define", "say", "set_language", "language", "LANGUAGES", "MESSAGES"]

LANGUAGES = ("id", "en")

MESSAGES: dict[str, dict[str, str]] = {}
"""key -> {"id": template, "en": template}; templates use str.format fields."""

_chosen: str | None = None


def define(key: str, *, id: str, en: str) -> None:  # noqa: A002 - "id" is the language code
    """Register the wording of one message in both languages (a key is defined once)."""
    if key in MESSAGES and MESSAGES[key] != {"id": id, "en": en}:
        raise ValueError(f"message {key!r} is defined twice with different wording")
    fields = {name for _, name, _, _ in Formatter().parse(id) if name is not None}
    if not all(name.isidentifier() for name in fields):
        raise ValueError(f"message {key!r}: a field is not a name (write {{{{ and }}}} for braces)")
    if fields != {name for _, name, _, _ in Formatter().parse(en) if name is not None}:
        raise ValueError(f"message {key!r}: the two languages use different fields")
    MESSAGES[key] = {"id": id, "en": en}


def set_language(lang: str | None) -> None:
    """Choose the language for this process (None: back to environment and locale)."""
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    global _chosen
    _chosen = lang


def language() -> str:
    """The language messages are written in now: 'id' or 'en'."""
    if _chosen is not None:
        return _chosen
    explicit = os.environ.get("SOPBOOK_LANG", "").strip().lower()[:2]
    if explicit in LANGUAGES:
        return explicit
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            return "en" if value.lower().startswith("en") else "id"
    return "id"


def say(key: str, /, **params: object) -> str:
    """The message `key` in the current language, with `params` filled in."""
    return MESSAGES[key][language()].format(**params)


# Messages of the core modules ---------------------------------------------------------------

_CORE = {
    # summaries (sopbook check, mkdocs build)
    "summary.problems": (
        "{problems} masalah di {files} berkas; {valid} SOP valid",
        "{problems} problem(s) in {files} file(s); {valid} SOP(s) valid",
    ),
    "summary.valid": ("{valid} SOP valid", "{valid} SOP(s) valid"),
    "build.problems": (
        "sopbook: {count} masalah di berkas SOP; situs tidak dibangun:\n{lines}",
        "sopbook: {count} problem(s) in the SOP files; nothing was built:\n{lines}",
    ),
    "build.missing_refs": (
        "sopbook: {count} rujukan ke SOP yang tidak ada di portal (strict_references aktif); "
        "situs tidak dibangun:\n{lines}",
        "sopbook: {count} reference(s) to SOPs not in the portal (strict_references is on); "
        "nothing was built:\n{lines}",
    ),
    "build.loaded": ("{count} SOP dimuat dari {folder}", "{count} SOP(s) loaded from {folder}"),
    "build.rendering_again": (
        "merender ulang {count} dari {total} halaman",
        "rendering {count} of {total} page(s) again",
    ),
    "build.quick_update": (
        "pembaruan cepat, {count} halaman dirender ulang dalam {seconds:.2f} dtk ({cpu:.2f} dtk CPU)",
        "quick update, {count} page(s) rendered again in {seconds:.2f} s ({cpu:.2f} s CPU)",
    ),
    "build.no_site_url": (
        "SOP yang dicetak tidak memuat kode QR karena mkdocs.yml tidak punya `site_url`; isi "
        "`site_url:` dengan alamat publik portal (mis. https://sop.contoh.go.id/) agar setiap "
        "lembar cetak memuat kode QR ke halaman SOP-nya",
        "printed SOPs carry no QR code because mkdocs.yml has no `site_url`; set `site_url:` to "
        "the portal's public address (e.g. https://sop.example.go.id/) so that every printed "
        "sheet carries a QR code to its SOP's page",
    ),
    "build.mermaid2_cdn": (
        "mkdocs-mermaid2-plugin tidak punya opsi 'javascript:', jadi Mermaid diambil dari CDN; "
        "isi `javascript: {uri}` agar memakai salinan luring",
        "mkdocs-mermaid2-plugin has no 'javascript:' option, so it fetches Mermaid from a CDN; "
        "set `javascript: {uri}` to use the offline copy",
    ),
    "build.pagefind_failed": (
        "sopbook: Pagefind tidak dapat dijalankan: {error}",
        "sopbook: Pagefind could not run: {error}",
    ),
    "build.pagefind_missing": (
        "sopbook: opsi `pagefind` memerlukan Pagefind: pip install 'sopbook[pagefind]'\n{detail}",
        "sopbook: the `pagefind` option needs Pagefind: pip install 'sopbook[pagefind]'\n{detail}",
    ),
    "build.process_lost": (
        "sopbook: proses perender halaman berhenti tanpa halamannya (status keluar {code})",
        "sopbook: a page-rendering process ended without its pages (exit status {code})",
    ),
    "ref.missing": (
        "{text!r} merujuk SOP yang tidak ada di portal",
        "{text!r} names an SOP that is not in the portal",
    ),
    # reading the file
    "file.too_big": (
        "berkas berukuran {size:.1f} MB; berkas SOP harus di bawah {limit} KB",
        "file is {size:.1f} MB; an SOP file must be under {limit} KB",
    ),
    "file.not_utf8": (
        "bukan berkas teks UTF-8 (data biner atau pengodean lain?)",
        "not a UTF-8 text file (binary data or another encoding?)",
    ),
    "file.nul": (
        "berkas berisi bita NUL: bukan berkas teks",
        "file contains NUL bytes: not a text file",
    ),
    "file.missing": ("berkas atau folder tidak ada", "no such file or folder"),
    "file.unreadable": ("berkas tidak dapat dibaca: {reason}", "cannot read file: {reason}"),
    "file.empty": (
        "berkas kosong; berkas SOP berisi pasangan kunci dan nilai (nomor:, nama:, …)",
        "file is empty; an SOP file is a YAML mapping (nomor:, nama:, …)",
    ),
    "file.not_mapping": (
        "berkas berisi {kind}; berkas SOP berisi pasangan kunci dan nilai (nomor:, nama:, …)",
        "the file holds {kind}; an SOP file is a mapping (nomor:, nama:, …)",
    ),
    "kind.list": ("daftar", "a list"),
    "kind.value": ("satu nilai saja", "a single value"),
    # YAML structure
    "yaml.alias": (
        "alias (*{anchor}) tidak boleh dipakai di berkas SOP; tuliskan nilainya",
        "aliases (*{anchor}) are not allowed in SOP files; write the value out",
    ),
    "yaml.too_deep": (
        "data bersarang lebih dari {depth} tingkat",
        "data nested more than {depth} levels deep",
    ),
    "yaml.documents": (
        "lebih dari satu dokumen YAML; satu SOP per berkas",
        "more than one YAML document; one SOP per file",
    ),
    "yaml.syntax": ("kesalahan penulisan YAML: {detail}", "YAML syntax error: {detail}"),
    "yaml.error": ("kesalahan YAML: {detail}", "YAML error: {detail}"),
    "yaml.tabs": (
        "YAML tidak mengizinkan tab untuk indentasi; pakai spasi",
        "YAML does not allow tabs for indentation; use spaces",
    ),
    "yaml.colon": (
        "teks berisi titik dua (\": \"); beri tanda kutip pada seluruh teks, "
        "mis. uraian: \"Memeriksa berkas: lengkap atau tidak\"",
        "the text contains a colon (\": \"); put the whole text in quotes, "
        "e.g. uraian: \"Memeriksa berkas: lengkap atau tidak\"",
    ),
    "yaml.indent": (
        "indentasi tidak cocok dengan baris sebelumnya; butir yang setingkat harus lurus",
        "the indentation does not match the lines before; items at one level must line up",
    ),
    "yaml.key_too_far": (
        "kunci ini terindentasi lebih dalam dari kunci di atasnya; luruskan dengan kunci "
        "setingkatnya (atau, bila baris di atasnya teks yang berisi \": \", beri tanda kutip)",
        "this key is indented deeper than the key above it; line it up with the keys of its "
        "level (or, if the line above is a text containing \": \", put that text in quotes)",
    ),
    "yaml.unclosed_quote": (
        "tanda kutip dibuka tetapi tidak ditutup sampai akhir berkas; tutup teksnya dengan tanda "
        "kutip yang sama",
        "a quotation mark is opened but never closed; end the text with the same quotation mark",
    ),
    "yaml.unclosed_bracket": (
        "daftar dalam kurung [ ] atau {{ }} tidak ditutup, atau butirnya tidak dipisah koma",
        "a [ ] or {{ }} list is not closed, or its items are not separated by commas",
    ),
    "yaml.key_not_name": (
        "kunci harus berupa nama biasa, bukan daftar atau pasangan kunci",
        "a key must be a plain name, not a list or mapping",
    ),
    "yaml.duplicate_key": (
        "kunci {key!r} ditulis dua kali (pertama di baris {line})",
        "duplicate key {key!r} (first given on line {line})",
    ),
    "yaml.item_too_far": (
        "butir daftar terindentasi terlalu jauh: baris ini menjadi bagian dari butir sebelumnya; "
        "luruskan tanda '-' dengan butir di atasnya",
        "list item indented too far: this line became part of the item before it; "
        "line its '-' up with the item above",
    ),
    # fields
    "field.unknown": ("kolom {key!r} tidak dikenal{hint}", "unknown field {key!r}{hint}"),
    "field.did_you_mean": ("; maksudnya {name!r}?", "; did you mean {name!r}?"),
    "field.allowed": ("; yang boleh: {names}", "; allowed: {names}"),
    "field.missing": ("kolom wajib {key!r} belum diisi", "required field {key!r} is missing"),
    "field.empty": ("tidak boleh kosong", "must not be empty"),
    "field.no_items": ("harus berisi sedikitnya satu butir", "must have at least one item"),
    "field.text": ("harus berupa teks", "must be a text"),
    "field.list": (
        "harus berupa daftar: satu butir per baris, diawali '- '",
        "must be a list: one item per line, starting with '- '",
    ),
    "field.mapping": (
        "harus berupa pasangan kunci dan nilai (kunci: nilai), bukan teks biasa",
        "must be a mapping (key: value), not plain text",
    ),
    "field.bool": (
        "harus 'true' atau 'false' (ditulis {value!r})",
        "must be 'true' or 'false' (found {value!r})",
    ),
    "field.choice": (
        "{value!r} bukan nilai yang dikenal; tulis salah satu: {choices}",
        "{value!r} is not a known value; write one of: {choices}",
    ),
    "field.step_number": (
        "{key!r} berisi nomor langkah saja, mis. '{key}: {example}' (ditulis {value!r})",
        "{key!r} takes a step number only, e.g. '{key}: {example}' (found {value!r})",
    ),
    "field.step_number_min": (
        "nomor langkah dimulai dari 1", "step numbers start at 1",
    ),
    # dates
    "date.unreadable": (
        "tanggal {text!r} tidak terbaca; tulis mis. '28 November 2018', 'Januari 2025', "
        "'2017' atau '-'",
        "cannot read date {text!r}; write e.g. '28 November 2018', 'Januari 2025', "
        "'2017' or '-'",
    ),
    "date.month": (
        "nama bulan {month!r} tidak dikenal pada tanggal {text!r}; tulis mis. Januari, Pebruari, "
        "Agt, Nop",
        "unknown month {month!r} in date {text!r}; write e.g. Januari, Pebruari, Agt, Nop",
    ),
    "date.day_range": (
        "tanggal {day} di luar jangkauan pada {text!r}: {month} {year} hanya sampai tanggal {last}",
        "day {day} out of range in date {text!r}: {month} {year} has only {last} days",
    ),
    "date.day_zero": (
        "tanggal {day} di luar jangkauan pada {text!r}", "day {day} out of range in date {text!r}",
    ),
    # Waktu (timing.py)
    "waktu.unreadable": (
        "Waktu {text!r} tidak terbaca; tulis angka dan satuan, mis. '5 menit', '1,5 jam', "
        "'2 hari kerja', '2 minggu'",
        "cannot read Waktu {text!r}; write a number and a unit, e.g. '5 menit', '1,5 jam', "
        "'2 hari kerja', '2 minggu'",
    ),
    "waktu.empty_part": (
        "Waktu {text!r} tidak terbaca: ada bagian kosong di sekitar '+'",
        "cannot read Waktu {text!r}: empty part around '+'",
    ),
    "waktu.unit": (
        "satuan waktu {unit!r} tidak dikenal pada {text!r}; pakai menit, jam, hari, hari kerja "
        "atau minggu",
        "unknown time unit {unit!r} in {text!r}; use menit, jam, hari, hari kerja or minggu",
    ),
    # cross-field checks
    "actor.twice": ("pelaksana {name!r} tercantum dua kali", "actor {name!r} is listed twice"),
    "actor.undeclared": (
        "pelaksana {name!r} tidak ada di daftar 'pelaksana' ({names}){hint}",
        "actor {name!r} is not declared in 'pelaksana' ({names}){hint}",
    ),
    "actor.twice_in_step": (
        "pelaksana {name!r} disebut dua kali di langkah ini",
        "actor {name!r} is named twice in this step",
    ),
    "decision.one_actor": (
        "langkah keputusan diputuskan oleh satu pelaksana; sebut satu saja. Bila kolom pelaksana "
        "lain di baris ini memuat simbol lain, tulis pelaksana sebagai pemetaan, mis. "
        "{{Tim SDM: keputusan, Sekretaris: proses}}",
        "a keputusan step is decided by one actor; name only one. When another actor's column "
        "in this row holds another symbol, write pelaksana as a mapping, e.g. "
        "{{Tim SDM: keputusan, Sekretaris: proses}}",
    ),
    "decision.needs": (
        "langkah keputusan perlu '{key}': nomor langkah yang dituju",
        "a keputusan step needs '{key}': the step number to go to",
    ),
    "decision.only": (
        "'{key}' hanya boleh pada langkah dengan simbol: keputusan",
        "'{key}' is only allowed on a step with simbol: keputusan",
    ),
    "decision.no_target": (
        "langkah tujuan {number} tidak ada (langkah bernomor 1 sampai {count})",
        "decision target {number} does not exist (steps are numbered 1 to {count})",
    ),
    "decision.self": (
        "keputusan tidak boleh menuju langkahnya sendiri",
        "a decision cannot lead to itself",
    ),
    # across files
    "number.duplicate": (
        "Nomor SOP {number!r} juga dipakai oleh {other}; satu nomor untuk satu SOP "
        "(kedua berkas tidak dihitung valid)",
        "Nomor SOP {number!r} is also used by {other}; one number per SOP "
        "(neither file counts as valid)",
    ),
    # editor support
    "modeline.wrong": (
        "catatan: modeline tidak menemukan {schema}, jadi editor tidak memeriksa berkas ini; "
        "tulis baris ini: {line}",
        "note: the modeline does not find {schema}, so the editor does not check this file; "
        "write this line: {line}",
    ),
    # serving
    "serve.banner": (
        "{count} masalah di berkas SOP. Halaman SOP yang bermasalah menampilkan versi valid "
        "terakhir (atau tidak ditampilkan); perbaiki berkasnya, halaman ini dimuat ulang sendiri.",
        "{count} problem(s) in the SOP files. Pages of the broken SOPs show their last valid "
        "version (or are left out); fix the files and this page reloads by itself.",
    ),
    "serve.log": (
        "{count} masalah di berkas SOP; situs pratinjau tetap berjalan:\n{lines}",
        "{count} problem(s) in the SOP files; the preview keeps running:\n{lines}",
    ),
}

for _key, (_id, _en) in _CORE.items():
    define(_key, id=_id, en=_en)
