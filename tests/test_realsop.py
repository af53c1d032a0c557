"""Real SOPs as offices wrote them (issue 18): Waktu in words, a step shared by two actors,
Tanggal Efektif, and "-" for none — checked, built with --strict, and read as a user sees it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap

import pytest
from conftest import SMALL_SITE_CONFIG, SmallSite

from sopbook.sop.model import Sop
from sopbook.drawing.swimlane import swimlane_source

# An invented provincial office, written in the shapes of the signed documents: four actors,
# free-text Waktu on most steps, one "Paling lambat", one range, one step done by two actors
# together, Tanggal Efektif instead of Tanggal Pengesahan, and "-" for none.
OFFICE = """\
organisasi: [Pemerintah Provinsi Contoh, Dinas Kearsipan, Bidang Layanan Arsip]
nomor: "800/12/DKA/2024"
nama: Pelayanan Peminjaman Arsip Statis
tanggal_pembuatan: 2 Januari 2024
tanggal_revisi: "-"
tanggal_efektif: 15 Januari 2024
disahkan_oleh: Kepala Dinas Kearsipan
dasar_hukum:
  - Undang-Undang Nomor 43 Tahun 2009 tentang Kearsipan
kualifikasi_pelaksana: Memahami tata kearsipan
keterkaitan: "-"
peralatan_perlengkapan: [Komputer, Buku register]
peringatan: "-"
pencatatan_pendataan: Buku register peminjaman
pelaksana: [Petugas Layanan, Kepala Seksi, Kepala Bidang, Kepala Dinas]
langkah:
  - uraian: Menerima permohonan peminjaman arsip
    pelaksana: Petugas Layanan
    kelengkapan: Formulir permohonan
    waktu: Setiap Saat
    output: Permohonan diterima
  - uraian: Memeriksa kelengkapan permohonan
    pelaksana: Petugas Layanan
    waktu: Pada hari dan jam kerja
    output: Berkas diperiksa
    keterangan: "-"
  - uraian: Apakah permohonan lengkap?
    pelaksana: Kepala Seksi
    simbol: keputusan
    ya: 4
    tidak: 1
    waktu: Pada hari dan jam kerja
  - uraian: Menelusuri arsip yang dipinjam
    pelaksana: Kepala Seksi
    waktu: 1-2 hari
    output: Arsip ditemukan
  - uraian: Membahas dan memaraf nota peminjaman
    pelaksana: [Kepala Seksi, Kepala Bidang]
    waktu: Pada hari dan jam kerja
    output: Nota diparaf
  - uraian: Meneruskan nota kepada Kepala Dinas
    pelaksana: Kepala Bidang
    waktu: Sesuai jadwal
  - uraian: Menandatangani persetujuan peminjaman
    pelaksana: Kepala Dinas
    waktu: Paling lambat 17 hari kerja
    output: Surat persetujuan
  - uraian: Menyerahkan arsip kepada pemohon
    pelaksana: Petugas Layanan
    waktu: Pada hari dan jam kerja
    output: Berita acara peminjaman
"""

TOTAL = "18–19 hari kerja; 6 langkah tanpa waktu terukur"
ACTORS = ["Petugas Layanan", "Kepala Seksi", "Kepala Bidang", "Kepala Dinas"]
PAGE = "sop/pemerintah-provinsi-contoh/dinas-kearsipan/bidang-layanan-arsip/800-12-dka-2024"
UNMEASURED = {1: "Setiap Saat", 2: "Pada hari dan jam kerja", 3: "Pada hari dan jam kerja",
              5: "Pada hari dan jam kerja", 6: "Sesuai jadwal", 8: "Pada hari dan jam kerja"}


def check(cwd, *paths):
    return subprocess.run(
        [sys.executable, "-m", "sopbook.cli", "check", *paths], cwd=cwd, capture_output=True, text=True
    )


def waktu_lines(text: str) -> list[tuple[int, int]]:
    """(line, column) of each step's Waktu value in the YAML text, in step order."""
    return [(n, line.index(":") + 3) for n, line in enumerate(text.splitlines(), 1) if line.startswith("    waktu:")]


@pytest.fixture(scope="module")
def office(tmp_path_factory, mkdocs) -> SmallSite:
    site = SmallSite(tmp_path_factory.mktemp("realsop") / "project", SMALL_SITE_CONFIG)
    site.add("provinsi/800-12.yml", OFFICE)
    done = site.build()
    assert done.returncode == 0, done.stdout + done.stderr
    return site


def test_check_passes_and_lists_each_unmeasured_waktu_as_a_note(tmp_path):
    (tmp_path / "arsip.yml").write_text(OFFICE)
    done = check(tmp_path, "arsip.yml")
    assert done.returncode == 0, done.stdout + done.stderr
    positions = waktu_lines(OFFICE)
    expected = [
        f"arsip.yml:{positions[n - 1][0]}:{positions[n - 1][1]}: catatan: langkah[{n}].waktu: "
        f"Waktu '{text}' tidak memuat angka; ditampilkan apa adanya dan tidak dihitung dalam "
        "Total Waktu Penyelesaian"
        for n, text in UNMEASURED.items()
    ]
    assert done.stdout.splitlines()[: len(expected)] == expected
    assert "catatan" not in "".join(done.stdout.splitlines()[len(expected):])  # then the summary


def test_check_quiet_prints_no_notes(tmp_path):
    (tmp_path / "arsip.yml").write_text(OFFICE)
    done = subprocess.run(
        [sys.executable, "-m", "sopbook.cli", "check", "-q", "arsip.yml"], cwd=tmp_path, capture_output=True, text=True
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_a_misspelt_unit_fails_the_check_with_a_hint(tmp_path):
    text = OFFICE.replace("waktu: 1-2 hari", "waktu: 5 mnit")
    (tmp_path / "arsip.yml").write_text(text)
    done = check(tmp_path, "arsip.yml")
    assert done.returncode == 1
    line, column = waktu_lines(text)[3]
    problems = [out for out in done.stdout.splitlines() if ".waktu: " in out and ": catatan: " not in out]
    assert problems == [
        f"arsip.yml:{line}:{column}: langkah[4].waktu: satuan waktu 'mnit' tidak dikenal pada "
        "'5 mnit'; maksud Anda '5 menit'?"
    ]
    assert "Traceback" not in done.stderr


def test_a_keputusan_shared_by_two_actors_is_refused(tmp_path):
    text = OFFICE.replace("    pelaksana: Kepala Seksi\n    simbol: keputusan", "    pelaksana: [Kepala Seksi, Kepala Bidang]\n    simbol: keputusan")
    (tmp_path / "arsip.yml").write_text(text)
    done = check(tmp_path, "arsip.yml")
    assert done.returncode == 1
    assert "langkah[3].pelaksana: langkah keputusan diputuskan oleh satu pelaksana" in done.stdout


def test_the_model_reads_the_office_as_written():
    import yaml

    sop = Sop.model_validate(yaml.safe_load(OFFICE))
    assert sop.total_time.format() == TOTAL
    assert sop.steps[4].actors == ["Kepala Seksi", "Kepala Bidang"]
    assert sop.related == ["-"] and sop.warnings == ["-"] and sop.steps[1].remarks == ["-"]
    assert [s.time for s in sop.steps][:4] == ["Setiap Saat", "Pada hari dan jam kerja", "Pada hari dan jam kerja", "1-2 hari"]


def test_the_page_shows_the_document_as_signed(office):
    page = office.page(PAGE)
    identity = [(" ".join(th.get_text().split()), td.get_text()) for th, td in
                ((tr.th, tr.td) for tr in page.select(".sop-identity tr"))]
    assert identity == [
        ("Nomor SOP", "800/12/DKA/2024"),
        ("Tanggal Pembuatan", "2 Januari 2024"),
        ("Tanggal Revisi", "-"),
        ("Tanggal Efektif", "15 Januari 2024"),
        ("Disahkan oleh", "Kepala Dinas Kearsipan"),
        ("Nama SOP", "Pelayanan Peminjaman Arsip Statis"),
    ]
    for selector in (".sop-keterkaitan", ".sop-peringatan"):
        cell = page.select_one(selector)
        assert cell.get_text() == "-" and not cell.select("ol, li, a")
    rows = page.select("tr.sop-step")
    assert [row.select_one(".sop-waktu").get_text() for row in rows] == [
        "Setiap Saat", "Pada hari dan jam kerja", "Pada hari dan jam kerja", "1-2 hari",
        "Pada hari dan jam kerja", "Sesuai jadwal", "Paling lambat 17 hari kerja", "Pada hari dan jam kerja",
    ]
    assert rows[1].select_one(".sop-keterangan").get_text() == "-" and not rows[1].select(".sop-keterangan a")
    assert page.select_one(".sop-total").get_text() == TOTAL


def test_the_shared_step_has_a_symbol_in_each_named_actors_column(office):
    page = office.page(PAGE)
    headers = [th.get_text().replace("\u00ad", "").replace("\u200b", "") for th in page.select("th.sop-col-actor")]
    assert headers == ACTORS
    marks = []
    for row in page.select("tr.sop-step"):
        actor_cells = row.select("td.sop-actor")
        marks.append([headers[i] for i, td in enumerate(actor_cells) if td.select(".sop-sym")])
    assert marks[4] == ["Kepala Seksi", "Kepala Bidang"]
    row = page.select("tr.sop-step")[4]
    symbols = row.select(".sop-sym")
    assert len(symbols) == 2 and all("5" in symbol.get_text() for symbol in symbols)
    assert [len(m) for m in marks] == [1, 1, 1, 1, 2, 1, 1, 1]


def test_the_swimlane_has_the_shared_step_in_both_lanes_joined_in_order():
    import yaml

    source = swimlane_source(Sop.model_validate(yaml.safe_load(OFFICE)))
    blocks = dict(re.findall(r'subgraph L\d+\["(.*?)"\]\n(.*?)  end', source, re.S))
    nodes = {lane: re.findall(r"^    (s\d+(?:_\d+)?)[\[\(\{]", body, re.M) for lane, body in blocks.items()}
    assert nodes == {
        "Petugas Layanan": ["s1", "s2", "s8"],
        "Kepala Seksi": ["s3", "s4", "s5"],
        "Kepala Bidang": ["s5_2", "s6"],
        "Kepala Dinas": ["s7"],
    }
    edges = re.findall(r"^  (\S+) -->(?:\|\w+\|)? (\S+)$", source, re.M)
    assert ("s4", "s5") in edges and ("s5", "s5_2") in edges and ("s5_2", "s6") in edges
    assert ("s5", "s6") not in edges
    # the Waktu as written sits in the node
    assert "#40;Paling lambat 17 hari kerja#41;" in source


def test_the_catalogue_and_search_say_the_same(office):
    data = json.loads((office.site / "katalog" / "catalogue.json").read_text())
    (record,) = data["sop"]
    assert record["total_waktu"] == TOTAL
    assert record["tanggal_efektif"] == "15 Januari 2024" and record["tanggal_pengesahan"] is None
    assert data["belum_tersedia"] == []  # "-" names no SOP
    index = json.loads((office.site / "search" / "search_index.json").read_text())
    text = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith(PAGE))
    assert "Membahas dan memaraf nota peminjaman (Kepala Seksi, Kepala Bidang" in text


def test_both_date_rows_in_the_forms_order_when_the_document_has_both(small_site):
    small_site.add(
        "provinsi/a.yml",
        OFFICE.replace("tanggal_efektif:", "tanggal_pengesahan: 10 Januari 2024\ntanggal_efektif:"),
    )
    done = small_site.build()
    assert done.returncode == 0, done.stderr
    rows = [" ".join(th.get_text().split()) for th in small_site.page(PAGE).select(".sop-identity th")]
    assert rows[3:5] == ["Tanggal Pengesahan", "Tanggal Efektif"]


def test_without_tanggal_efektif_the_pengesahan_row_stays(small_site):
    small_site.add("provinsi/a.yml", textwrap.dedent(OFFICE).replace("tanggal_efektif: 15 Januari 2024\n", ""))
    assert small_site.build().returncode == 0
    rows = [" ".join(th.get_text().split()) for th in small_site.page(PAGE).select(".sop-identity th")]
    assert "Tanggal Pengesahan" in rows and "Tanggal Efektif" not in rows


def test_the_format_page_example_of_an_office_sop_is_real(tmp_path):
    from pathlib import Path

    from sopbook.sop.loading import load_file

    text = (Path(__file__).parent.parent / "docs_build" / "format.md").read_text()
    example = re.search(r"## Contoh SOP seperti ditulis kantor.*?```yaml\n(.*?)```", text, re.S).group(1)
    path = tmp_path / "contoh.yml"
    path.write_text(example)
    result = load_file(path)
    assert result.problems == []
    sop = result.sops[0].sop
    stated = re.search(r"Total waktu contoh kedua: \*(.+?)\*", text).group(1)
    assert sop.total_time.format() == stated
    assert sop.steps[2].actors == ["Kepala Seksi", "Kepala Bidang"] and sop.related == ["-"]


def test_the_schema_tells_editors_the_new_shapes():
    from sopbook.sop.model import sop_json_schema

    schema = sop_json_schema()
    step = schema["$defs"]["Step"]
    assert step["if"]["properties"]["simbol"]["const"] == "keputusan"
    assert step["then"]["properties"]["pelaksana"]["anyOf"][1]["maxItems"] == 1
    actors = step["properties"]["pelaksana"]["anyOf"]
    assert {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1} in actors
    assert "Paling lambat 17 hari kerja" in step["properties"]["waktu"]["examples"]
    assert "tanggal_efektif" in schema["properties"]


def test_empty_text_is_the_forms_none_and_a_dash_beside_real_items_is_dropped():
    sop = Sop.model_validate(
        {
            "nama": "Contoh",
            "pelaksana": ["Staf"],
            "keterkaitan": "",
            "peringatan": ["-", "Arsip asli tidak boleh dibawa pulang"],
            "dasar_hukum": [],
            "langkah": [{"uraian": "Mencatat", "pelaksana": "Staf", "waktu": "", "output": "—"}],
        }
    )
    assert sop.related == ["-"] and sop.steps[0].output == ["-"]
    assert sop.warnings == ["Arsip asli tidak boleh dibawa pulang"]
    assert sop.legal_basis == []  # not written: nothing to show
    assert sop.steps[0].time == "-" and sop.steps[0].waktu is None and sop.total_time is None


def test_the_unit_catalogue_shows_the_tanggal_efektif_where_there_is_no_pengesahan(office):
    unit = office.page(PAGE.rsplit("/", 1)[0])
    (row,) = unit.select("table.sop-list tbody tr")
    texts = [td.get_text() for td in row.select("td")]
    assert texts[0] == "800/12/DKA/2024" and "15 Januari 2024 (efektif)" in texts


def test_the_search_index_leaves_out_the_forms_dashes(office):
    index = json.loads((office.site / "search" / "search_index.json").read_text())
    text = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith(PAGE))
    assert "Keterkaitan" not in text and "Peringatan" not in text  # both written "-"
    assert "Memeriksa kelengkapan permohonan (Petugas Layanan; Berkas diperiksa; Pada hari dan jam kerja)" in text


def test_check_notes_a_waktu_in_months_without_failing(tmp_path):
    text = OFFICE.replace("waktu: Sesuai jadwal", "waktu: Paling lambat 1 bulan")
    (tmp_path / "arsip.yml").write_text(text)
    done = check(tmp_path, "arsip.yml")
    assert done.returncode == 0, done.stdout + done.stderr
    line, column = waktu_lines(text)[5]
    assert (
        f"arsip.yml:{line}:{column}: catatan: langkah[6].waktu: Waktu 'Paling lambat 1 bulan' memakai "
        "satuan 'bulan' yang tidak dapat dijumlahkan dengan hari kerja; ditampilkan apa adanya dan "
        "tidak dihitung dalam Total Waktu Penyelesaian"
    ) in done.stdout.splitlines()
