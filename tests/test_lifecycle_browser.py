"""The SOP after signing (issue 26), as built and seen in Chromium: a QR code decoded from a
printed sheet opens the page with the right statement (current, revised since, revoked), the
page without script still shows its version, overdue banners and the Pemantauan SOP page on a
fixed build date, the catalogue's Pemantauan column and filter, and the blank forms as PDF."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from browser import ARTIFACTS, SiteServer
from conftest import ENV, MKDOCS, SMALL_SITE_CONFIG, SmallSite
from lifecycle_sops import TODAY, fresh, monitoring_overdue, review_overdue, sop

SITE_URL = "https://sop.contoh.go.id/"
PAGE = "sop/pemerintah-kota-uji/dinas-uji/1.1/"
needs_zbar = pytest.mark.skipif(shutil.which("zbarimg") is None, reason="needs zbar-tools")


def build(site: SmallSite) -> None:
    """`mkdocs build --strict` on the fixed build date."""
    done = subprocess.run(
        [*MKDOCS, "build", "--strict", "-f", str(site.root / "mkdocs.yml")],
        capture_output=True, text=True, cwd=site.root, env={**ENV, "SOPBOOK_BUILD_DATE": TODAY.isoformat()},
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture
def site(tmp_path, mkdocs):  # `mkdocs`: marked as a build
    config = SMALL_SITE_CONFIG.replace("site_name: Uji\n", f"site_name: Uji\nsite_url: {SITE_URL}\n")
    made = SmallSite(tmp_path / "project", config)
    made.add("dinas/1.1.yml", fresh())
    made.add("dinas/1.2.yml", monitoring_overdue())
    made.add("dinas/1.3.yml", review_overdue())
    made.add("dinas/1.4.yml", sop("1.4", "Layanan Pengganti", "tanggal_pengesahan: 1 Desember 2026\n"))
    build(made)
    return made


def decode_qr(pdf: bytes, tmp_path: Path) -> str:
    (tmp_path / "sheet.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "150", "-singlefile", "-f", "1", "-l", "1", str(tmp_path / "sheet.pdf"), str(tmp_path / "sheet")],
        check=True,
    )
    done = subprocess.run(["zbarimg", "-q", "--raw", str(tmp_path / "sheet.png")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def statement(browser, url: str, shot: str | None = None) -> str:
    page = browser.new_page()
    try:
        page.goto(url)
        text = page.wait_until(
            "(() => { const b = document.querySelector('.sop-printed'); return b && !b.hidden && b.textContent; })()"
        )
        if shot:
            page.screenshot(ARTIFACTS / shot)
        return " ".join(text.split())
    finally:
        page.close()


@needs_zbar
def test_qr_from_a_printed_sheet_tells_whether_the_sheet_is_still_valid(site, browser, tmp_path):
    server = SiteServer(site.site)
    try:
        printed = browser.print_url(server.url + PAGE)
        address = decode_qr(printed, tmp_path)
        assert address.startswith(SITE_URL + PAGE + "?versi=2&isi=")
        assert "Versi 2" in PdfReader(__import__("io").BytesIO(printed)).pages[0].extract_text()
        local = address.replace(SITE_URL, server.url)
        assert statement(browser, local, "lifecycle-current.png") == "Lembar cetak ini versi terbaru (Versi 2, 3 Maret 2025)."

        # edited after printing without a new version: the content tells
        site.add("dinas/1.1.yml", fresh().replace("Menerima berkas", "Menerima berkas lengkap"))
        build(site)
        said = statement(browser, local)
        assert said.startswith("Sudah ada versi yang lebih baru (isinya diubah sejak lembar ini dicetak; Versi 2, 3 Maret 2025).")
        # a monitoring recorded after printing changes nothing of the sheet
        site.add("dinas/1.1.yml", fresh().replace("monitoring:\n", "monitoring:\n  - tanggal: 2 Desember 2026\n    penilai: Kasi\n    penilaian: berjalan dengan baik\n"))
        build(site)
        assert statement(browser, local).startswith("Lembar cetak ini versi terbaru")

        # revised after printing: the same sheet now says a newer version exists
        revised = fresh().replace(
            "uraian: Waktu pemeriksaan menjadi 2 jam\n",
            "uraian: Waktu pemeriksaan menjadi 2 jam\n  - tanggal: 2 Desember 2026\n    versi: \"3\"\n    uraian: Langkah baru\n",
        )
        site.add("dinas/1.1.yml", revised)
        build(site)
        said = statement(browser, local, "lifecycle-revised.png")
        assert said.startswith("Sudah ada versi yang lebih baru (Versi 3, 2 Desember 2026).")
        assert "Lembar cetak ini (versi 2) tidak berlaku lagi" in said

        # revoked: the sheet says so and names the replacement, linked
        site.add("dinas/1.1.yml", revised.replace("tanggal_pengesahan:", "status: dicabut\ndiganti_oleh: \"1.4\"\ntanggal_pengesahan:"))
        build(site)
        said = statement(browser, local, "lifecycle-revoked.png")
        assert said.startswith("SOP ini sudah dicabut (diganti oleh 1.4 Layanan Pengganti).")
        page = browser.new_page()
        try:
            page.goto(local)
            href = page.wait_until("document.querySelector('.sop-printed a') && document.querySelector('.sop-printed a').href")
            assert href.rstrip("/").endswith("/1.4")
        finally:
            page.close()
    finally:
        server.close()


def test_without_script_the_page_shows_its_version_and_no_statement(site, browser):
    server = SiteServer(site.site)
    page = browser.new_page()
    try:
        page.send("Emulation.setScriptExecutionDisabled", value=True)
        page.goto(server.url + PAGE + "?versi=1")
        version = page.eval("document.querySelector('.sop-version').innerText")
        assert " ".join(version.split()) == "Versi di portal: Versi 2, 3 Maret 2025"
        top = page.eval("document.querySelector('.sop-version').getBoundingClientRect().top")
        table = page.eval("document.querySelector('.sop-identity, table').getBoundingClientRect().top")
        assert top < table  # above the document itself: seen first
        assert page.eval("document.querySelector('.sop-printed').hidden") is True
        assert "Bandingkan versi" in page.eval("document.querySelector('.sop-version-box').innerText")
    finally:
        page.close()
        server.close()


def test_a_page_opened_without_a_version_shows_no_statement(site, browser):
    server = SiteServer(site.site)
    page = browser.new_page()
    try:
        page.goto(server.url + PAGE)
        page.wait_until("document.readyState === 'complete'")
        assert page.eval("document.querySelector('.sop-printed').hidden") is True
        assert page.console_errors() == []
    finally:
        page.close()
        server.close()


def test_overdue_banners_and_the_monitoring_page_as_built(site):
    assert site.page(PAGE).select(".sop-overdue") == []
    title = site.page("sop/pemerintah-kota-uji/dinas-uji/1.2").select_one(".sop-overdue .admonition-title")
    assert title.get_text() == "Perlu dimonitor sejak 2 November 2026"
    title = site.page("sop/pemerintah-kota-uji/dinas-uji/1.3").select_one(".sop-overdue .admonition-title")
    assert title.get_text() == "Perlu dikaji ulang sejak 5 Agustus 2026"
    view = site.page("pemantauan")
    assert view.select_one("h1").get_text() == "Pemantauan SOP"
    assert "Keadaan per 4 Desember 2026" in view.select_one(".sop-monitoring-summary").get_text()
    listed = [a.get_text() for a in view.select(".sop-monitoring-overdue a")]
    assert listed == ["Layanan Belum Dimonitor", "Layanan Perlu Dikaji"]
    form = view.select_one(".sop-monitoring-units a[href$='.html']")
    assert (site.site / "pemantauan" / form["href"]).resolve().is_file()
    nav = [a.get_text(" ", strip=True) for a in site.page("").select(".md-nav__link")]
    assert "Pemantauan SOP" in nav
    data = json.loads((site.site / "katalog" / "catalogue.json").read_text())
    states = {s["nomor"]: s["pemantauan"]["keadaan"] for s in data["sop"]}
    assert states == {"1.1": "terkini", "1.2": "monitoring_terlambat", "1.3": "kaji_ulang_terlambat", "1.4": "terkini"}


def test_a_portal_where_nothing_is_overdue_shows_nothing(tmp_path, mkdocs):
    made = SmallSite(tmp_path / "calm")
    made.add("dinas/1.1.yml", fresh())
    made.add("dinas/1.5.yml", sop("1.5", "Draf Lama", "status: draf\ntanggal_pengesahan: 2015\n"))
    build(made)
    for path in (PAGE, "sop/pemerintah-kota-uji/dinas-uji/1.5", "pemantauan", "katalog", ""):
        page = made.page(path)
        assert page.select(".sop-overdue, .sop-monitoring-overdue") == [], path
        assert "terlambat sejak" not in page.get_text() and "dikaji ulang sejak" not in page.get_text()


def test_the_catalogue_filters_by_monitoring_state(site, browser):
    server = SiteServer(site.site)
    page = browser.new_page()
    try:
        page.goto(server.url + "katalog/")
        page.wait_until("document.querySelectorAll('#sop-katalog tbody tr').length === 4")
        cells = page.eval("[...document.querySelectorAll('.sop-list-pemantauan')].map(c => c.textContent)")
        assert cells == ["Terkini", "Monitoring terlambat", "Perlu dikaji ulang", "Terkini"]
        page.eval(
            "(() => { const s = document.getElementById('sop-filter-pemantauan'); s.value = 'terlambat';"
            " s.dispatchEvent(new Event('change')); return true; })()"
        )
        shown = page.eval("[...document.querySelectorAll('#sop-katalog tbody tr:not([hidden]) .sop-list-nomor')].map(c => c.textContent)")
        assert shown == ["1.2", "1.3"]
        assert page.console_errors() == []
    finally:
        page.close()
        server.close()


def test_sopbook_pdf_writes_the_blank_forms_as_landscape_sheets(site):
    done = subprocess.run(
        [sys.executable, "-m", "sopbook.cli", "pdf", "--tabel7", "--evaluasi", "1.3", "-o", "formulir"],
        capture_output=True, text=True, cwd=site.root, env={**ENV, "SOPBOOK_BUILD_DATE": TODAY.isoformat()},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    tabel7 = PdfReader(site.root / "formulir" / "tabel7-pemerintah-kota-uji_dinas-uji.pdf")
    evaluation = PdfReader(site.root / "formulir" / "evaluasi-1.3.pdf")
    for reader in (tabel7, evaluation):
        assert len(reader.pages) == 1
        box = reader.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (842, 595)
    text = " ".join(tabel7.pages[0].extract_text().split())
    assert "MONITORING PELAKSANAAN SOP AP" in text.upper()
    for name in ("1.1 Layanan Segar", "1.2 Layanan Belum Dimonitor", "1.3 Layanan Perlu Dikaji", "Paraf Penilai"):
        assert name in text
    text = " ".join(evaluation.pages[0].extract_text().split())
    assert "Layanan Perlu Dikaji" in text and "SOP sinergi satu dengan lainnya" in text and "Kesimpulan" in text
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name, path in (("tabel7", "tabel7-pemerintah-kota-uji_dinas-uji.pdf"), ("evaluasi", "evaluasi-1.3.pdf")):
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", str(site.root / "formulir" / path),
                        str(ARTIFACTS / f"lifecycle-form-{name}")], check=True)


def test_the_portals_review_interval_and_its_mistakes(tmp_path, mkdocs):
    config = SMALL_SITE_CONFIG.replace("  - sopbook\n", "  - sopbook:\n      review_interval: 2 tahun\n")
    made = SmallSite(tmp_path / "two", config)
    made.add("dinas/1.3.yml", review_overdue())
    build(made)
    page = made.page("sop/pemerintah-kota-uji/dinas-uji/1.3")
    assert page.select(".sop-overdue") == []
    assert "paling lambat 5 Agustus 2027 (setiap 2 tahun)" in page.select_one(".sop-lifecycle-next-review").get_text()
    (made.root / "mkdocs.yml").write_text(config.replace("2 tahun", "sekali sewindu"))
    done = made.build()
    assert done.returncode != 0
    assert "review_interval': 'sekali sewindu' tidak terbaca; tulis mis. '1 tahun'" in done.stderr
    (made.root / "mkdocs.yml").write_text(config)
    done = subprocess.run(
        [*MKDOCS, "build", "--strict", "-f", str(made.root / "mkdocs.yml")],
        capture_output=True, text=True, cwd=made.root, env={**ENV, "SOPBOOK_BUILD_DATE": "kemarin"},
    )
    assert done.returncode != 0 and "SOPBOOK_BUILD_DATE 'kemarin' tidak terbaca" in done.stderr
