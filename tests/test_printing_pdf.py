"""`sopbook pdf` and the print stylesheet, checked on real PDFs printed by Chromium.

A fixture portal written here (three units, a 30-step SOP, a sample and a draft) is built
and printed once; the booklet is read with pypdf, pages are rendered with pdftoppm and the QR
code is decoded with zbarimg. PNG renderings of the first pages go to tests/artifacts/.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from browser import ARTIFACTS
from conftest import ENV, SmallSite
from sops import sop_yaml, step
from sopbook.printing.sheets import SCALES

# every test here prints with `sopbook pdf`: Chromium, and a MkDocs build of the portal
pytestmark = pytest.mark.usefixtures("chromium", "mkdocs")

SITE_URL = "https://sop.contoh.go.id/portal/"
A4 = (841.89, 595.28)
F4 = (935.43, 609.45)
MM = 72 / 25.4

CONFIG = f"""\
site_name: Portal Uji
site_url: {SITE_URL}
docs_dir: docs
theme:
  name: material
  custom_dir: overrides
  font: false
plugins:
  - search
  - sopbook
"""



def short(nama: str = "Penerimaan Surat Masuk", nomor: str = "1.2.3", unit: str = "Dinas Arsip", **fields) -> str:
    return sop_yaml(
        nama,
        nomor,
        organisasi=["Pemerintah Kota Uji", unit],
        tanggal_pembuatan="2 Januari 2024",
        tanggal_pengesahan="3 Januari 2024",
        disahkan_oleh="Kepala Dinas",
        dasar_hukum=["Peraturan Daerah Kota Uji Nomor 1 Tahun 2020"],
        langkah=[
            step("Menerima surat masuk dan mencatat di buku agenda", "Pengadministrasi Umum", "10 menit",
                 kelengkapan="Buku agenda surat", output="Surat tercatat"),
            step("Memeriksa surat dan memberi disposisi", "Kepala Sub Bagian Umum", "15 menit",
                 output="Lembar disposisi", keterangan="Keterangan uji di kolom terakhir"),
            step("Menandatangani disposisi akhir", "Kepala Dinas Kearsipan", "5 menit", output="Disposisi akhir"),
        ],
        penandatangan={"jabatan": f"Kepala {unit}", "nama": "Budi Santoso", "nip": "19700101 199003 1 001"},
        **fields,
    )


SHORT = short()
HOSTILE = sop_yaml(
    'Uji "kutip" \\ </style><b>tebal</b> & {kurung}',
    "1.2.4",
    organisasi=["Pemerintah Kota Uji", "Dinas Arsip"],
    tanggal_pengesahan=None,
    tanggal_revisi="5 Mei 2025",
    langkah=[step("Langkah pertama hostile", "Staf"), step("Langkah terakhir hostile", "Staf")],
)

ACTORS = ["Staf Pelaksana", "Kepala Seksi", "Kepala Bidang", "Sekretaris", "Kepala Badan"]
LONG_STEPS = [f"Langkah panjang nomor {i} memeriksa berkas usulan pegawai bagian {i} dengan teliti" for i in range(1, 31)]


def long_sop() -> str:
    return sop_yaml(
        "Pengelolaan Usulan Kenaikan Pangkat Pegawai Negeri Sipil di Lingkungan Pemerintah Kota Uji",
        "9.9.30",
        organisasi=["Pemerintah Kota Uji", "Badan Kepegawaian"],
        tanggal_pengesahan=None,
        tanggal_revisi="1 Februari 2025",
        pelaksana=ACTORS,
        langkah=[
            step(text, ACTORS[i % len(ACTORS)], "30 menit", kelengkapan=["Berkas usulan", "Daftar periksa"],
                 output="Berkas diperiksa", keterangan=f"Catatan {i + 1}")
            for i, text in enumerate(LONG_STEPS)
        ],
        penandatangan={"jabatan": "Kepala Badan Kepegawaian", "nama": "Sri Rahayu", "nip": "19800202 200501 2 002"},
    )


SAMPLE = short("Contoh Tidak Dicetak", "7.7.7", contoh=True)
DRAFT = short("Draf Tidak Dicetak", "8.8.8", status="draf")
THIRD = short("Pelayanan Surat Keterangan", "2.1", unit="Kecamatan Uji")


def sopbook(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sopbook.cli", *args], cwd=cwd, capture_output=True, text=True, env=env or ENV,
        timeout=600,
    )


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def portal(tmp_path_factory) -> SmallSite:
    site = SmallSite(tmp_path_factory.mktemp("print") / "project", CONFIG)
    site.add("arsip/1.2.3.yml", SHORT)
    site.add("arsip/1.2.4.yml", HOSTILE)
    site.add("arsip/contoh.yml", SAMPLE)
    site.add("arsip/draf.yml", DRAFT)
    site.add("bkd/9.9.30.yml", long_sop())
    site.add("kecamatan/2.1.yml", THIRD)
    return site


@pytest.fixture(scope="module")
def booklet(portal) -> tuple[PdfReader, list[str], Path]:
    done = sopbook("pdf", "-o", "out", "--workers", "2", cwd=portal.root)
    assert done.returncode == 0, done.stdout + done.stderr
    path = portal.root / "out" / "semua-sop.pdf"
    assert str(path.relative_to(portal.root)) in done.stdout
    reader = PdfReader(path)
    texts = [page.extract_text() for page in reader.pages]
    render_artifacts(path, "print-booklet", pages=6)
    return reader, texts, path


def render_artifacts(pdf: Path, name: str, pages: int) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", str(pages), str(pdf), str(ARTIFACTS / name)], check=True
    )


def sop_pages(texts: list[str], title_fragment: str) -> list[int]:
    """Indexes of the pages whose footer names the SOP (its shortened title)."""
    return [i for i, t in enumerate(texts) if title_fragment in flat(t) and "Halaman" in t and "Daftar Isi" not in t]


def test_booklet_has_cover_toc_and_every_official_sop_but_no_sample_or_draft(booklet):
    reader, texts, _ = booklet
    assert "Buku Standar Operasional Prosedur".upper() in texts[0].upper()
    assert "Portal Uji".upper() in texts[0].upper()
    assert "Daftar Isi" in texts[1]
    assert "Pemerintah Kota Uji › Dinas Arsip" in texts[1]  # SOPs grouped by unit
    whole = flat(" ".join(texts))
    for number in ("1.2.3", "1.2.4", "9.9.30", "2.1"):
        assert number in whole
    for title in ("Penerimaan Surat Masuk", "Pelayanan Surat Keterangan"):
        assert title.upper() in whole.upper()
    for step in LONG_STEPS:
        assert step in whole
    assert "Contoh Tidak Dicetak" not in whole and "7.7.7" not in whole
    assert "Draf Tidak Dicetak" not in whole and "8.8.8" not in whole


def test_procedure_pages_are_a4_landscape_with_text_inside_the_page(booklet):
    reader, texts, _ = booklet
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (round(A4[0]), round(A4[1]))
        runs: list[tuple[float, float, float, str]] = []

        def visit(text, cm, tm, font, size):
            if text.strip():
                x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
                y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
                scale = (abs(cm[0] * tm[0] + cm[2] * tm[1]) ** 2 + abs(cm[1] * tm[0] + cm[3] * tm[1]) ** 2) ** 0.5
                runs.append((x, y, size * scale, text))

        page.extract_text(visitor_text=visit)
        assert runs
        for x, y, points, text in runs:
            assert 0 <= x < width - 5 * MM and 0 <= y <= height, (x, y, text)
            assert points >= 8 * min(SCALES) - 0.1, (points, text)  # nothing below the smallest print size
    # the Keterangan column (the rightmost) is on the page: its text is there
    assert "Keterangan uji di kolom terakhir" in flat(" ".join(texts))


def test_every_page_with_a_step_row_repeats_the_table_header(booklet):
    _, texts, _ = booklet
    step_pages = [t for t in texts if any(step in flat(t) for step in LONG_STEPS) or "Menerima surat masuk" in t]
    assert len(step_pages) >= 4
    for text in step_pages:
        for heading in ("Uraian Prosedur", "Pelaksana", "Mutu Baku", "Kelengkapan", "Waktu", "Output", "Keterangan"):
            assert heading in text


def test_long_sop_spreads_over_several_pages_without_splitting_a_row(booklet):
    _, texts, _ = booklet
    pages = sop_pages(texts, "9.9.30")
    holding = [i for i in pages if any(step in flat(texts[i]) for step in LONG_STEPS)]
    assert len(holding) >= 3
    for step in LONG_STEPS:  # each row whole on one page
        assert sum(step in flat(texts[i]) for i in pages) == 1, step
    last = flat(texts[pages[-1]])
    signature = [i for i in pages if "Sri Rahayu" in texts[i]]
    # as on the form, the signature is in the identity table's Disahkan oleh (sheet 1), once
    assert signature == [pages[0]] and "19800202 200501 2 002" in texts[signature[0]]
    assert "TOTAL WAKTU PENYELESAIAN" in " ".join(texts[i] for i in pages).upper()
    assert "Halaman" in last


def test_footer_numbers_the_sheets_of_each_sop_and_the_toc_points_at_their_first_page(booklet):
    reader, texts, _ = booklet
    toc = flat(texts[1])
    found = 0
    for number, title in (("1.2.3", "Penerimaan Surat Masuk"), ("9.9.30", "Pengelolaan Usulan"), ("2.1", "Pelayanan Surat Keterangan")):
        match = re.search(re.escape(number) + r" " + re.escape(title) + r".*? (\d+)(?: |$)", toc)
        assert match, (number, toc)
        start = int(match.group(1)) - 1
        pages = sop_pages(texts, f"Nomor SOP: {number}")
        assert pages[0] == start
        assert title.upper() in texts[start].upper()
        total = len(pages)
        assert pages == list(range(start, start + total))  # consecutive
        for k, index in enumerate(pages, 1):
            assert f"Halaman {k} dari {total}" in texts[index]
            assert f"Buku hlm. {index + 1}" in texts[index]  # the number the daftar isi uses
        found += 1
    assert found == 3
    # the PDF's bookmarks lead to each SOP too
    assert [reader.get_destination_page_number(item) for item in reader.outline][1:] == sorted(
        reader.get_destination_page_number(item) for item in reader.outline
    )[1:]
    assert len(reader.outline) == 4


def test_footer_names_the_sop_its_date_and_escapes_hostile_titles(booklet):
    _, texts, _ = booklet
    pages = sop_pages(texts, "Nomor SOP: 1.2.4")
    assert pages
    for index in pages:
        text = texts[index]
        assert 'Uji "kutip" \\ </style><b>tebal</b> & {kurung}' in text
        assert "Tanggal Revisi: 5 Mei 2025" in text
    long_pages = sop_pages(texts, "Nomor SOP: 9.9.30")
    footer_title = "Pengelolaan Usulan Kenaikan Pangkat Pegawai Negeri Sipil di…"
    assert all(footer_title in flat(texts[i]) for i in long_pages)
    assert all("Tanggal Revisi: 1 Februari 2025" in texts[i] for i in long_pages)


def test_printed_page_has_no_navigation_header_or_buttons(booklet):
    _, texts, _ = booklet
    sop_text = " ".join(texts[2:])
    for portal_only in ("Beranda", "Katalog SOP", "Dirujuk oleh", "Portal Uji", "Lewati"):
        assert portal_only not in sop_text


@pytest.mark.skipif(shutil.which("zbarimg") is None, reason="needs zbar-tools")
def test_qr_code_on_every_sheet_opens_the_sop_page(booklet, portal, tmp_path):
    _, texts, path = booklet
    start = sop_pages(texts, "Nomor SOP: 9.9.30")
    for index in (start[0], start[-1]):
        png = tmp_path / f"p{index}"
        subprocess.run(
            ["pdftoppm", "-png", "-r", "150", "-singlefile", "-f", str(index + 1), "-l", str(index + 1), str(path), str(png)],
            check=True,
        )
        done = subprocess.run(["zbarimg", "-q", "--raw", f"{png}.png"], capture_output=True, text=True)
        # the page, and the version printed (issue 26): this SOP has no revision number, so its date
        assert done.stdout.strip().startswith(SITE_URL + "sop/pemerintah-kota-uji/badan-kepegawaian/9.9.30/?tanggal=2025-02-01&isi=")


def test_f4_paper_and_one_unit(portal):
    done = sopbook("pdf", "Kecamatan Uji", "--paper", "f4", "-o", "out-f4", "--workers", "2", cwd=portal.root)
    assert done.returncode == 0, done.stdout + done.stderr
    files = list((portal.root / "out-f4").glob("*.pdf"))
    assert [f.name for f in files] == ["pemerintah-kota-uji_kecamatan-uji.pdf"]
    reader = PdfReader(files[0])
    render_artifacts(files[0], "print-f4", pages=3)
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (round(F4[0]), round(F4[1]))
    whole = " ".join(p.extract_text() for p in reader.pages)
    assert "Pelayanan Surat Keterangan".upper() in whole.upper() and "Penerimaan Surat Masuk" not in whole


def test_unknown_unit_and_missing_chromium_give_one_clear_message(portal):
    done = sopbook("pdf", "Dinas Tidak Ada", cwd=portal.root)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "unit 'Dinas Tidak Ada' tidak ada di portal" in done.stderr
    env = {**ENV, "SOPBOOK_CHROMIUM": str(portal.root / "tidak-ada-chromium")}
    done = sopbook("pdf", cwd=portal.root, env=env)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "apt-get install chromium" in lines[0]


def test_progress_is_plain_lines_without_a_terminal(portal):
    done = sopbook("pdf", "Badan Kepegawaian", "-o", "out-bkd", "--workers", "1", cwd=portal.root)
    assert done.returncode == 0, done.stderr
    assert "Badan Kepegawaian: 1/1 SOP dicetak" in done.stderr
    assert "\r" not in done.stderr


def test_print_swimlane_prints_the_drawn_diagram_after_the_table(tmp_path):
    site = SmallSite(tmp_path / "swim", CONFIG.replace("  - sopbook\n", "  - sopbook:\n      print_swimlane: true\n"))
    site.add("arsip/1.2.3.yml", SHORT)
    done = sopbook("pdf", "-o", "out", "--workers", "1", cwd=site.root)
    assert done.returncode == 0, done.stdout + done.stderr
    pdf = site.root / "out" / "semua-sop.pdf"
    render_artifacts(pdf, "print-swimlane", pages=6)
    texts = [flat(p.extract_text()) for p in PdfReader(pdf).pages]
    table = next(i for i, t in enumerate(texts) if "Uraian Prosedur" in t)
    diagram = [i for i, t in enumerate(texts) if "Diagram Alir" in t]
    assert diagram and diagram[0] > table
    assert len(texts) == 2 + 2  # cover, daftar isi; the front with the short table, diagram (one sheet)
    drawn = " ".join(texts[diagram[0]:])
    # the lanes and steps come from Mermaid's drawing, not from the Mermaid source text
    assert "Kepala Dinas Kearsipan" in drawn and "swimlane" not in drawn and "-->" not in drawn


def test_booklet_of_the_portals_own_content_follows_the_rules(content_site, tmp_path):
    """Holds for any valid content/: every official SOP is in, starts where the daftar isi
    and the bookmarks say, on A4 landscape sheets."""
    from conftest import ROOT

    from sopbook.portal.catalogue import Catalogue
    from sopbook.sop.loading import load_paths
    from sopbook.printing.booklet import included

    catalogue = Catalogue(load_paths([ROOT / "content"]).sops)
    expected = [e for e in catalogue.root.all_entries() if included(e)]  # unit by unit
    done = sopbook("pdf", "-f", str(ROOT / "mkdocs.yml"), "--site", str(content_site), "-o", str(tmp_path), cwd=ROOT)
    if not expected:
        assert done.returncode == 1 and "tidak ada SOP untuk dicetak" in done.stderr
        return
    assert done.returncode == 0, done.stdout + done.stderr
    reader = PdfReader(tmp_path / "semua-sop.pdf")
    render_artifacts(tmp_path / "semua-sop.pdf", "print-content", pages=4)
    texts = [page.extract_text() for page in reader.pages]
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (842, 595)
    assert [item.title for item in reader.outline] == [e.label for e in expected]
    toc = flat(" ".join(t for t in texts if "Daftar Isi" in t))
    for item, entry in zip(reader.outline, expected):
        start = reader.get_destination_page_number(item)
        first = texts[start]
        assert f"Nomor SOP: {entry.sop.number or '-'}" in first and "Halaman 1 dari" in first
        assert f"Buku hlm. {start + 1}" in first
        assert flat(entry.sop.title).upper() in flat(first).upper()
        if entry.sop.number:
            assert entry.sop.number in toc
        for step in entry.sop.steps[:3]:
            assert any(flat(step.description)[:40] in flat(t) for t in texts[start:])


def test_duplex_booklet_starts_every_sop_on_an_odd_page(portal, booklet):
    done = sopbook("pdf", "--duplex", "-o", "out-duplex", "--workers", "2", cwd=portal.root)
    assert done.returncode == 0, done.stdout + done.stderr
    reader = PdfReader(portal.root / "out-duplex" / "semua-sop.pdf")
    starts = [reader.get_destination_page_number(item) + 1 for item in reader.outline]
    assert len(starts) == 4 and all(start % 2 == 1 for start in starts)
    assert len(reader.pages) % 2 == 0
    texts = [page.extract_text() for page in reader.pages]
    assert texts[1].strip() == ""  # the back of the cover
    toc = flat(" ".join(t for t in texts if "Daftar Isi" in t))
    for start in starts:
        assert "Halaman 1 dari" in texts[start - 1] and f"Buku hlm. {start}" in texts[start - 1]
        assert f" {start}" in toc
    single = booklet[0]
    assert sum(1 for t in texts if t.strip()) == len(single.pages)  # same sheets, plus blank backs
