"""`sopbook import`: signed SOP PDFs and Word files become YAML drafts that pass `sopbook check`.

Word files are built by `tests/sop_docx.py` from the seeds of the fixture portal (merged header
cells, a procedure table continued after a page break) and must import back field by field; the
one real PDF (`tests/fixtures/import/`, source named in its README) is compared with its hand
transcription.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import yaml

import sop_docx
from conftest import PORTAL, ROOT
from sopbook.cli import main
from sopbook.commands.new import target_path
from sopbook.importing import import_file
from sopbook.importing.draft import render
from sopbook.sop.loading import load_bytes, load_paths

SEEDS = sorted((PORTAL / "content").rglob("*.yml"))
FIXTURES = Path(__file__).parent / "fixtures" / "import"
REAL_PDF = FIXTURES / "bps-342-konsultasi-statistik.pdf"
IDENTITY = ("organisasi", "nomor", "nama", "tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif",
            "tanggal_pengesahan", "disahkan_oleh", "dasar_hukum", "kualifikasi_pelaksana", "keterkaitan",
            "peralatan_perlengkapan", "peringatan", "pencatatan_pendataan", "pelaksana")
STEP_FIELDS = ("uraian", "ya", "tidak", "kelengkapan", "waktu", "output", "keterangan")


def _value(value):
    """A list of one is the same field as its one item; numbers and text compare as text."""
    if isinstance(value, list):
        return _value(value[0]) if len(value) == 1 else [_value(v) for v in value]
    return None if value is None else " ".join(str(value).split())


def _differences(seed: dict, got: dict) -> list[str]:
    out = [f"{key}: {seed.get(key)!r} != {got.get(key)!r}" for key in IDENTITY if _value(seed.get(key)) != _value(got.get(key))]
    signature = seed.get("penandatangan") or {}
    for key, value in signature.items():
        if _value(value) != _value((got.get("penandatangan") or {}).get(key)):
            out.append(f"penandatangan.{key}")
    want, have = seed["langkah"], got.get("langkah", [])
    if len(want) != len(have):
        return out + [f"{len(want)} steps != {len(have)}"]
    for index, (a, b) in enumerate(zip(want, have)):
        for key in STEP_FIELDS:
            if _value(a.get(key)) != _value(b.get(key)):
                out.append(f"langkah[{index + 1}].{key}: {a.get(key)!r} != {b.get(key)!r}")
        if sop_docx.actors_of(a) != sop_docx.actors_of(b):
            out.append(f"langkah[{index + 1}].pelaksana")
    if sop_docx.symbols(seed) != sop_docx.symbols(got):
        out.append(f"symbols {sop_docx.symbols(seed)} != {sop_docx.symbols(got)}")
    return out


def _checks_clean(result, source: Path) -> list[str]:
    text = render(result.data, result.notes, result.unread, modeline=None, source=source, digest=result.sha256)
    return [str(p) for p in load_bytes(text.encode(), source.with_suffix(".yml"), source=str(source)).problems]


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:28])
def test_a_word_file_built_from_a_seed_imports_back_field_by_field(seed, tmp_path):
    data = yaml.safe_load(seed.read_text(encoding="utf-8"))
    path = sop_docx.build(data, tmp_path / "sop.docx", continue_after=2)
    result = import_file(path)
    assert result.refused is None
    assert _differences(data, result.data) == []
    assert _checks_clean(result, path) == []
    assert result.data["status"] == "draf"
    # the table went on after a page break without a header: said beside the steps
    assert any("berlanjut" in message for _, message in result.notes)


def test_a_decision_read_from_a_word_file_says_its_targets_were_inferred(tmp_path):
    seed = next(p for p in SEEDS if "keputusan" in p.read_text(encoding="utf-8"))
    data = yaml.safe_load(seed.read_text(encoding="utf-8"))
    result = import_file(sop_docx.build(data, tmp_path / "sop.docx"))
    decision = next(i for i, s in enumerate(result.data["langkah"]) if s.get("simbol") == "keputusan")
    assert (("langkah", decision, "ya"), ) and any(path == ("langkah", decision, "ya") for path, _ in result.notes)
    text = render(result.data, result.notes, result.unread, modeline=None, source=seed, digest="x")
    assert "# PERIKSA: tujuan cabang tidak terbaca" in text


def test_the_real_pdf_agrees_with_its_hand_transcription():
    spec = importlib.util.spec_from_file_location("import_bench", ROOT / "bench" / "import_pdfs.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    result = import_file(REAL_PDF)
    assert result.refused is None
    expected = yaml.safe_load((FIXTURES / "bps-342-konsultasi-statistik.yml").read_text(encoding="utf-8"))
    same, total, misses = bench.agreement(expected, result.data)
    assert same / total >= 0.95, misses
    steps = result.data["langkah"]
    # the branches as the arrows draw them, not the default guess
    assert (steps[1]["ya"], steps[1]["tidak"], steps[2]["ya"], steps[2]["tidak"]) == (3, 4, 6, 5)
    # its footer says it was signed electronically: printed as a line, not a space to sign
    assert result.data["penandatangan"]["elektronik"] is True
    assert _checks_clean(result, REAL_PDF) == []


def test_the_command_writes_where_new_would_never_overwrites_and_checks_clean(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    seed = next(p for p in SEEDS if "28.8.1.10" in p.name)
    data = yaml.safe_load(seed.read_text(encoding="utf-8"))
    docx = sop_docx.build(data, tmp_path / "laporan.docx")
    assert main(["import", str(docx)]) == 0
    out = capsys.readouterr().out
    target = target_path(Path("content"), data["organisasi"], data["nomor"], data["nama"])
    assert target.is_file() and "\r" not in out
    decisions = sop_docx.symbols(data).count("keputusan")
    assert f"{docx}: {len(data['langkah'])} langkah, {len(data['pelaksana'])} pelaksana, {decisions} keputusan" in out
    text = target.read_text(encoding="utf-8")
    first, second = text.splitlines()[:2]
    assert first == "# yaml-language-server: $schema=../../../../sop.schema.json"
    assert "laporan.docx" in second and len(second.split("SHA-256 ")[1].split(")")[0]) == 64
    assert "status: draf" in text
    assert load_paths(["content"]).problems == []
    target.write_text(text + "# edited by hand\n", encoding="utf-8")
    assert main(["import", str(docx)]) == 1
    assert "tidak ditimpa" in capsys.readouterr().out and text + "# edited by hand\n" == target.read_text(encoding="utf-8")
    assert main(["import", str(docx), "--force", "-o", "drafts", "--organisasi", "Kota Uji > Dinas Uji"]) == 0
    assert (tmp_path / "drafts/kota-uji/dinas-uji").is_dir()


def _pdf_bytes() -> bytes:
    return REAL_PDF.read_bytes()


def _bad_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    from pypdf import PdfWriter

    files: dict[str, tuple[Path, str]] = {}
    corrupt = tmp_path / "rusak.pdf"
    corrupt.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    files["corrupt"] = (corrupt, "rusak")
    truncated = tmp_path / "terpotong.pdf"
    truncated.write_bytes(_pdf_bytes()[: len(_pdf_bytes()) // 3])
    files["truncated"] = (truncated, "")
    encrypted = tmp_path / "terkunci.pdf"
    writer = PdfWriter(clone_from=REAL_PDF)
    writer.encrypt("rahasia")
    writer.write(encrypted)
    files["encrypted"] = (encrypted, "terenkripsi")
    scan = tmp_path / "pindaian.pdf"
    writer = PdfWriter()
    writer.add_blank_page(width=842, height=595)
    writer.write(scan)
    files["scan"] = (scan, "OCR")
    many = tmp_path / "tebal.pdf"
    writer = PdfWriter()
    for _ in range(60):
        writer.add_blank_page(width=842, height=595)
    writer.write(many)
    files["huge"] = (many, "halaman")
    text = tmp_path / "catatan.docx"
    text.write_bytes(b"PK\x03\x04 not a zip at all")
    files["broken docx"] = (text, "rusak")
    return files


def test_bad_files_are_refused_with_a_reason_and_never_a_traceback(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    for name, (path, reason) in _bad_files(tmp_path).items():
        assert main(["import", str(path)]) == 1, name
        captured = capsys.readouterr()
        assert "Traceback" not in captured.out + captured.err, name
        assert "ditolak" in captured.out and reason in captured.out, (name, captured.out)
    assert not (tmp_path / "content").exists()


def test_a_file_over_the_size_limit_is_not_read(tmp_path, monkeypatch):
    from sopbook.importing import draft

    monkeypatch.setattr(draft, "MAX_MB", 0)
    result = import_file(REAL_PDF)
    assert result.refused and "MB" in result.refused


def test_a_folder_is_imported_file_by_file_with_a_closing_summary(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "masuk"
    folder.mkdir()
    for seed in SEEDS[:2]:
        sop_docx.build(yaml.safe_load(seed.read_text(encoding="utf-8")), folder / f"{seed.stem}.docx")
    (folder / "bukan-sop.docx").write_bytes(b"garbage")
    assert main(["import", str(folder)]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 4 and sum("bukan-sop.docx: ditolak" in line for line in out) == 1
    assert out[-1].startswith("3 berkas:") and "1 ditolak" in out[-1]


def test_the_mapper_writes_what_the_grid_draws_with_the_new_fields_and_keeps_unread_text():
    from sopbook.importing.draft import extensions
    from sopbook.importing.grid import Cell, Column, Grid, Link, Shape, Table
    from sopbook.importing.mapper import map_grid

    def row(no, text, a=(), b=(), extra=""):
        cells = [Cell([no]), Cell([text]), Cell(list(extra and [extra]), list(a)), Cell([], list(b)),
                 Cell([]), Cell(["5 menit"]), Cell([]), Cell([])]
        return cells

    columns = [Column(label) for label in ("No", "Kegiatan", "Staf", "Kepala Seksi", "Kelengkapan", "Waktu",
                                           "Output", "Keterangan")]
    table = Table(columns=columns, links_read=True, rows=[
        row("1", "Menerima berkas", a=[Shape("rounded", 0, 0, 1, 1)], b=[Shape("box", 0, 0, 1, 1)]),
        row("2", "Memeriksa berkas", b=[Shape("diamond", 0, 0, 1, 1, text="Lengkap?")], extra="catatan lepas"),
        row("5", "Mengarsipkan berkas", a=[Shape("rounded", 0, 0, 1, 1)]),
    ], links=[Link(1, 3, "Y", 2), Link(1, 3, "T", 0)])
    draft = map_grid(Grid(table=table), extensions=extensions())
    steps = draft.data["langkah"]
    assert steps[0]["pelaksana"] == {"Staf": "mulai", "Kepala Seksi": "proses"} and "simbol" not in steps[0]
    assert steps[1]["teks_simbol"] == "Lengkap?" and steps[1]["simbol"] == "keputusan"
    assert (steps[1]["ya"], steps[1]["label_ya"], steps[1]["tidak"], steps[1]["label_tidak"]) == (5, "Y", 1, "T")
    assert [s["no"] for s in steps] == [1, 2, 5] and steps[2]["simbol"] == "selesai"
    assert any("catatan lepas" in line for line in draft.unread)
    text = render({**draft.data, "nama": "Uji"}, draft.notes, draft.unread, modeline=None, source=Path("uji.pdf"), digest="")
    assert "#   langkah 2, Staf: catatan lepas" in text
    assert load_bytes(text.encode(), "uji.yml").problems == []


def test_the_logo_in_the_header_box_of_a_signed_pdf_comes_with_its_drafts(tmp_path, monkeypatch, capsys):
    """The institution's logo (the picture in the header box, not the QR codes of the
    electronic signature) is written once into the organisation's folder with an
    `_organisasi.yml`, which the portal reads; an `_organisasi.yml` already there is kept."""
    from io import BytesIO

    from PIL import Image

    from sopbook.importing.logo import logo_of
    from sopbook.portal.logos import find_logos

    picture = logo_of(REAL_PDF)
    assert picture is not None and picture.suffix in (".png", ".jpg")
    image = Image.open(BytesIO(picture.data)).convert("RGB")
    colours = {image.getpixel((x, y)) for x in range(0, image.width, 4) for y in range(0, image.height, 4)}
    assert len(colours) > 8, "a logo in colour, not a black-and-white QR code"
    monkeypatch.chdir(tmp_path)
    assert main(["import", str(REAL_PDF), "-o", "content"]) == 0
    out = capsys.readouterr().out
    config = next(Path("content").glob("*/_organisasi.yml"))
    assert str(config) in out and "logo instansi disimpan" in out
    written = yaml.safe_load(config.read_text(encoding="utf-8"))
    assert written == {"logo": f"logo{picture.suffix}", "logo_alt": "Logo Badan Pusat Statistik Provinsi Bengkulu"}
    assert (config.parent / written["logo"]).read_bytes() == picture.data
    logos = find_logos("content")
    assert not logos.problems and len(logos.by_folder) == 1
    config.write_text("logo: lambang-resmi.png\n", encoding="utf-8")  # the office's own choice
    assert main(["import", str(REAL_PDF), "-o", "content", "--force"]) == 0
    assert "logo instansi" not in capsys.readouterr().out
    assert config.read_text(encoding="utf-8") == "logo: lambang-resmi.png\n"
    assert logo_of(tmp_path / "tidak-ada.pdf") is None  # no logo is never an error
