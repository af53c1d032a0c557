"""The five real SOPs (../shared/seeds), copied into the fixture portal tests/portal, and their
pages in the official layout."""

from __future__ import annotations

import pytest

from conftest import PORTAL, soup
from sopbook.portal.catalogue import Catalogue
from sopbook.sop.loading import load_paths

SEEDS = {
    "28.8.1.10": ("Penyusunan Laporan Capaian Kinerja", 6, ["Lurah", "Sekretaris", "JFU"], "1 jam 10 menit"),
    "27.7.1.13": ("Penyusunan Sasaran Kerja Pegawai", 6, ["Lurah", "Sekretaris", "JFU"], "2 hari kerja + 4 jam 35 menit"),
    "3.1.2.6": ("Penyusunan Laporan Kinerja (LKj)", 8, ["Kepala Dinas", "Sekretaris", "Kabid", "Kasubag", "JFU"], "10 hari kerja + 6 jam 20 menit"),
    None: ("Prosedur pengumpulan data kinerja (LKj)", 8, ["Kasat", "Sekretaris", "Kasubbag", "Tim Kerja"], "13 jam"),
    "BKPSDM.1.7-2017": (
        "PENYUSUNAN LAPORAN KINERJA",
        8,
        ["Kepala BKPSDM", "Sekretaris", "Kasubag Perencanaan dan Keuangan", "Staf", "Bidang-bidang", "Bagian Organisasi/Inspektorat"],
        "25 hari kerja + 1 jam",
    ),
}


@pytest.fixture(scope="module")
def catalogue():
    result = load_paths([PORTAL / "content"])
    assert result.problems == []
    return Catalogue(result.sops)


def seed(catalogue, number):
    title = SEEDS[number][0]
    (entry,) = [e for e in catalogue if e.sop.number == number and e.sop.title == title]
    return entry


@pytest.mark.parametrize("number", list(SEEDS), ids=lambda n: n or "003")
def test_seed_transcribed(catalogue, number):
    title, steps, actors, total = SEEDS[number]
    sop = seed(catalogue, number).sop
    assert sop.title == title
    assert len(sop.steps) == steps
    assert sop.actors == actors
    assert sop.total_time.format() == total
    assert not sop.sample


def test_sop_004_total_is_the_documents_own(catalogue):
    assert seed(catalogue, "BKPSDM.1.7-2017").sop.total_time.format() == "25 hari kerja + 1 jam"


def test_partial_dates_are_kept_as_written(catalogue):
    bkpsdm = seed(catalogue, "BKPSDM.1.7-2017").sop
    assert (bkpsdm.created, bkpsdm.revised, bkpsdm.approved) == ("NOVEMBER 2017", None, "2017")
    sasaran = seed(catalogue, "27.7.1.13").sop
    assert (sasaran.created, sasaran.approved) == ("Januari 2025", "Januari 2025")
    ocr = seed(catalogue, None).sop
    assert (ocr.number, ocr.created, ocr.approved, ocr.organisation, ocr.signature) == (None, None, None, [], None)


def test_signature_blocks(catalogue):
    assert seed(catalogue, "28.8.1.10").sop.signature.name == "SLAMET, SH"
    signature = seed(catalogue, "27.7.1.13").sop.signature
    assert (signature.position, signature.name, signature.rank, signature.nip) == (
        "Lurah Pangongangan", "EVA ANJARIKA RAHMAWATI, S.STP.", "Penata", "19910623 201206 2 003",
    )


@pytest.mark.parametrize("number", list(SEEDS), ids=lambda n: n or "003")
def test_seed_page_in_the_official_layout(portal_site, catalogue, number):
    entry = seed(catalogue, number)
    sop = entry.sop
    page = soup(portal_site / entry.path / "index.html").select_one("article.sop")
    # (Disahkan oleh: the jabatan, then the signer's name, pangkat and NIP when known)
    identity = {tr.th.get_text(): next(iter(tr.td.strings), "") for tr in page.select(".sop-identity tr")}
    assert identity == {
        "Nomor SOP": sop.number or "-",
        "Tanggal Pembuatan": sop.created or "-",
        "Tanggal Revisi": sop.revised or "-",
        "Tanggal Pengesahan": sop.approved or "-",
        "Disahkan oleh": sop.approved_by or "-",
        "Nama SOP": sop.title,
    }
    if sop.signature is not None and sop.signature.name:
        assert page.select_one(".sop-id-disahkan .sop-id-nama-pejabat").get_text() == sop.signature.name
    assert [li.get_text() for li in page.select(".sop-dasar-hukum li")] == sop.legal_basis
    assert [th.get_text().replace("\u00ad", "").replace("\u200b", "") for th in page.select("th.sop-col-actor")] == sop.actors
    rows = page.select(".sop-procedure tbody tr.sop-step")
    assert len(rows) == len(sop.steps)
    for number_, (row, step) in enumerate(zip(rows, sop.steps), 1):
        assert row.select_one(".sop-no").get_text() == str(number_)
        assert row.select_one(".sop-uraian").get_text() == step.description
        columns = row.select("td.sop-actor")
        marked = [i for i, td in enumerate(columns) if td.select_one(".sop-sym")]
        assert marked == [sop.actors.index(step.actor)]
        assert row.select_one(".sop-waktu").get_text() == (step.time or "")
    assert page.select_one(".sop-total").get_text() == sop.total_time.format()


def test_sop_004_page_shows_its_total(portal_site, catalogue):
    entry = seed(catalogue, "BKPSDM.1.7-2017")
    page = soup(portal_site / entry.path / "index.html")
    row = page.select_one("tr.sop-total-row")
    assert row.th.get_text() == "Total Waktu Penyelesaian"
    assert row.select_one(".sop-total").get_text() == "25 hari kerja + 1 jam"
