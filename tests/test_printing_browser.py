"""Ctrl+P of an SOP page in Chromium: the page alone, prints as the official document.

The site is served over HTTP and printed by the browser itself (`Page.printToPDF` with the
page's CSS page size, as the print dialog does), with no help from `sopbook pdf`.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys

import pytest
from pypdf import PdfReader

from browser import ARTIFACTS, SiteServer
from conftest import ENV, SMALL_SITE_CONFIG, SmallSite
from sops import sop_yaml, step

SOP = sop_yaml(
    "Pelayanan Legalisir Dokumen Kependudukan",
    "4.5.6",
    organisasi=["Pemerintah Kota Cetak", "Dinas Uji"],
    tanggal_pengesahan="7 Juli 2024",
    langkah=[
        step("Menerima permohonan legalisir", "Petugas Loket", "5 menit", keterangan="Keterangan paling kanan"),
        step("Memeriksa keaslian dokumen", "Kepala Seksi Pelayanan", "10 menit"),
        step("Menandatangani legalisir", "Kepala Dinas Kependudukan", "5 menit"),
    ],
    penandatangan={"jabatan": "Kepala Dinas Kependudukan", "nama": "Andi Wijaya"},
)


@pytest.fixture(scope="module")
def printed(tmp_path_factory, browser, mkdocs):
    site = SmallSite(tmp_path_factory.mktemp("ctrlp") / "project", SMALL_SITE_CONFIG)
    site.add("dinas/4.5.6.yml", SOP)
    done = site.build()
    assert done.returncode == 0, done.stdout + done.stderr
    server = SiteServer(site.site)
    try:
        data = browser.print_url(server.url + "sop/pemerintah-kota-cetak/dinas-uji/4.5.6/")
    finally:
        server.close()
    pdf = ARTIFACTS / "print-ctrl-p.pdf"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf.write_bytes(data)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(ARTIFACTS / "print-ctrl-p")], check=True)
    return PdfReader(io.BytesIO(data)), pdf


def test_ctrl_p_gives_a4_landscape_sheets_with_the_document_only(printed):
    reader, _ = printed
    # a three-step SOP: the form's front and its short procedure table on one sheet, as the
    # one-sheet signed originals (the table follows the sections when it fits whole)
    assert len(reader.pages) == 1
    texts = [p.extract_text() for p in reader.pages]
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (842, 595)
    whole = " ".join(texts)
    assert "PELAYANAN LEGALISIR DOKUMEN KEPENDUDUKAN" in whole.upper()
    for portal_only in ("Beranda", "Katalog SOP", "Cari", "Dirujuk oleh"):
        assert portal_only not in whole
    procedure = " ".join(texts[-1].split())
    assert "Uraian Prosedur" in procedure and "Keterangan paling kanan" in procedure
    assert "Andi Wijaya" in texts[0]  # the signer, in the identity table's Disahkan oleh


def test_ctrl_p_footer_numbers_sheets_and_names_the_sop(printed):
    reader, _ = printed
    for k, page in enumerate(reader.pages, 1):
        text = page.extract_text()
        assert f"Halaman {k} dari {len(reader.pages)}" in text
        assert "Nomor SOP: 4.5.6" in text
        assert "Tanggal Pengesahan: 7 Juli 2024" in text


@pytest.mark.skipif(shutil.which("zbarimg") is None, reason="needs zbar-tools")
def test_without_site_url_there_is_no_qr_code(printed, tmp_path):
    _, pdf = printed
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-singlefile", str(pdf), str(tmp_path / "p")], check=True)
    done = subprocess.run(["zbarimg", "-q", "--raw", str(tmp_path / "p.png")], capture_output=True, text=True)
    assert done.stdout == "" and done.returncode == 4  # 4: no symbol found


def test_build_without_site_url_warns_once_how_to_get_the_qr_code(small_site):
    small_site.add("dinas/4.5.6.yml", SOP)
    small_site.add("dinas/4.5.7.yml", SOP.replace("4.5.6", "4.5.7"))
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(small_site.root / "mkdocs.yml")],
        capture_output=True, text=True, env=ENV, cwd=small_site.root,
    )
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stderr.splitlines() if "kode QR" in line]
    assert len(warnings) == 1 and warnings[0].startswith("WARNING") and "site_url" in warnings[0]
    strict = small_site.build()  # --strict: the same line as information, the build passes
    assert strict.returncode == 0, strict.stderr


def test_ctrl_p_with_print_swimlane_prints_the_diagram_on_one_sheet_after_the_table(tmp_path, page, mkdocs):
    config = SMALL_SITE_CONFIG.replace("  - sopbook\n", "  - sopbook:\n      print_swimlane: true\n")
    site = SmallSite(tmp_path / "project", config)
    site.add("dinas/4.5.6.yml", SOP)
    done = site.build()
    assert done.returncode == 0, done.stdout + done.stderr
    server = SiteServer(site.site)
    try:
        page.goto(server.url + "sop/pemerintah-kota-cetak/dinas-uji/4.5.6/")
        page.wait_until(
            "(() => { const m = document.querySelector('.sop-swimlane-body .mermaid');"
            " return m && m.tagName !== 'PRE' && m.getBoundingClientRect().height > 20; })()"
        )
        data = page.print_pdf()
    finally:
        server.close()
    (ARTIFACTS / "print-ctrl-p-swimlane.pdf").write_bytes(data)
    texts = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages]
    assert len(texts) == 2  # the front with the short table, then the diagram on a sheet of its own
    assert "Uraian Prosedur" in texts[0]
    assert "Diagram Alir" in texts[1] and "Kepala Seksi Pelayanan" in texts[1] and "Halaman 2 dari 2" in texts[1]
