"""The SOP after signing (issue 26), in-process: the monitoring and evaluation records and their
checks, the states on a fixed build date, the printed version, the page parts, the
Pemantauan SOP page, catalogue.json, the blank forms and `sopbook status`."""

from __future__ import annotations

import json
import textwrap
from datetime import date
from pathlib import Path

import pytest
import yaml

from lifecycle_sops import TODAY, evaluation, fresh, monitoring, monitoring_overdue, review_overdue, sop
from sopbook.cli import main
from sopbook.portal.catalogue import Catalogue
from sopbook.portal.lifecycle import Schedule, add_months, build_date, lifecycle_of
from sopbook.portal.records import catalogue_records
from sopbook.portal.references import References
from sopbook.printing.footer import footer_lines, footer_style
from sopbook.printing.paper import PAPERS
from sopbook.render import Renderer
from sopbook.sop.loading import load_file
from sopbook.sop.model import sop_json_schema
from sopbook.sop.monitoring import Interval
from sopbook.sop.version import sop_version
from bs4 import BeautifulSoup


def load(tmp_path: Path, text: str, name: str = "sop.yml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return load_file(path)


def loaded(tmp_path: Path, text: str, name: str = "sop.yml"):
    result = load(tmp_path, text, name)
    assert result.problems == [], result.problems
    return result.sops[0]


def messages(tmp_path: Path, text: str) -> list[str]:
    return [f"{p.field}: {p.message}" for p in load(tmp_path, text).problems]


# Records and their checks ------------------------------------------------------------------


def test_monitoring_and_evaluation_records_are_read(tmp_path):
    item = loaded(tmp_path, fresh()).sop
    (m,) = item.monitoring
    assert m.when == date(2026, 10, 1) and m.good and m.assessor == "Kepala Seksi Pelayanan"
    assert m.notes == "Antrean panjang hari Senin" and m.action == "Tambah petugas"
    (e,) = item.evaluations
    assert e.when == date(2026, 1, 10) and e.yes_count == 6 and e.conclusion == "SOP tetap dipakai"
    rows = e.criteria.rows()
    assert [key for key, _, _ in rows] == [
        "mendorong_kinerja", "mudah_dipahami", "mudah_dilaksanakan", "menjalankan_peran",
        "mengatasi_masalah", "menjawab_kebutuhan", "sinergi",
    ]
    assert rows[2][2].value is False and rows[2][2].note == "Formulir terlalu panjang"


def test_assessment_is_one_of_the_two_values_of_tabel_7_in_any_case(tmp_path):
    item = loaded(tmp_path, sop("1", "X", monitoring("1 Oktober 2026", "Tidak Berjalan  dengan Baik"))).sop
    assert item.monitoring[0].good is False
    found = messages(tmp_path, sop("1", "X", monitoring("1 Oktober 2026", "baik")))
    assert found == [
        "monitoring[1].penilaian: penilaian 'baik' tidak dikenal; tulis salah satu: berjalan dengan baik, "
        "tidak berjalan dengan baik; maksudnya 'berjalan dengan baik'?"
    ]


def test_record_dates_are_full_calendar_dates(tmp_path):
    assert messages(tmp_path, sop("1", "X", monitoring("Oktober 2026"))) == [
        "monitoring[1].tanggal: tanggal 'Oktober 2026' kurang lengkap; tanggal monitoring dan evaluasi "
        "ditulis lengkap, mis. '3 Maret 2026'"
    ]
    (problem,) = messages(tmp_path, sop("1", "X", evaluation("31 April 2026")))
    assert problem.startswith("evaluasi[1].tanggal: tanggal 31 di luar jangkauan")
    (problem,) = messages(tmp_path, sop("1", "X", monitoring('"-"')))
    assert problem == "monitoring[1].tanggal: tanggal wajib diisi, mis. '3 Maret 2026'"


def test_criteria_are_ya_or_tidak_all_seven_and_named_right(tmp_path):
    text = sop("1", "X", evaluation("10 Januari 2026"))
    wrong_value = text.replace("mendorong_kinerja: ya", "mendorong_kinerja: yes")
    (problem,) = messages(tmp_path, wrong_value)
    assert problem.startswith("evaluasi[1].kriteria.mendorong_kinerja: 'yes' bukan jawaban kriteria; tulis ya atau tidak")
    misspelt = text.replace("      sinergi: ya\n", "      sinergy: ya\n")
    found = messages(tmp_path, misspelt)
    # the misspelt key is the one problem (the missing 'sinergi' is that same mistake)
    assert found == ["evaluasi[1].kriteria.sinergy: kolom 'sinergy' tidak dikenal; maksudnya 'sinergi'?"]
    missing = text.replace("      sinergi: ya\n", "")
    assert messages(tmp_path, missing) == ["evaluasi[1].kriteria.sinergi: kolom wajib 'sinergi' belum diisi"]
    no_conclusion = text.replace("    kesimpulan: SOP tetap dipakai\n", "")
    assert messages(tmp_path, no_conclusion) == ["evaluasi[1].kesimpulan: kolom wajib 'kesimpulan' belum diisi"]


def test_a_monitoring_that_found_trouble_without_an_action_is_a_note(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = sop("1", "X", monitoring("1 Oktober 2026", "tidak berjalan dengan baik")).replace("    tindakan: Tambah petugas\n", "")
    (tmp_path / "a.yml").write_text(text)
    assert main(["check", "a.yml"]) == 0  # a note, not a problem
    out = capsys.readouterr().out
    assert "a.yml:7:16: catatan: monitoring[1].penilaian: penilaian 'tidak berjalan dengan baik' tanpa 'tindakan'" in out


def test_review_interval_per_sop_is_years_or_months(tmp_path):
    assert loaded(tmp_path, sop("1", "X", "kaji_ulang_setiap: 18 bulan\n")).sop.review_every == "18 bulan"
    (problem,) = messages(tmp_path, sop("1", "X", "kaji_ulang_setiap: sekali sewindu\n"))
    assert problem == "kaji_ulang_setiap: 'sekali sewindu' tidak terbaca; tulis mis. '1 tahun', '2 tahun' atau '18 bulan'"


def test_the_schema_describes_the_new_fields_for_editors():
    schema = sop_json_schema()
    props = schema["properties"]
    assert {"monitoring", "evaluasi", "kaji_ulang_setiap"} <= set(props)
    defs = json.dumps(schema["$defs"])
    assert '"berjalan dengan baik"' in defs and '"tidak berjalan dengan baik"' in defs
    assert "mendorong_kinerja" in defs and '"ya"' in defs
    repo = json.loads((Path(__file__).parent.parent / "sop.schema.json").read_text())
    assert repo == schema, "sop.schema.json is stale: run `sopbook schema -o sop.schema.json`"


# States on the build date ------------------------------------------------------------------


def state(tmp_path, text, today=TODAY, interval=Interval(12)):
    return lifecycle_of(loaded(tmp_path, text).sop, today, interval)


def test_fresh_monitoring_overdue_and_review_overdue(tmp_path):
    now = state(tmp_path, fresh())
    assert now.state == "terkini" and not now.overdue
    assert (now.monitoring_due, now.review_due) == (date(2027, 4, 1), date(2027, 1, 10))
    late = state(tmp_path, monitoring_overdue())
    assert late.state == "monitoring_terlambat" and late.monitoring_due == date(2026, 11, 2) and not late.review_overdue
    review = state(tmp_path, review_overdue())
    assert review.state == "kaji_ulang_terlambat" and review.review_due == date(2026, 8, 5)
    assert not review.monitoring_overdue


def test_due_on_the_day_is_not_yet_overdue(tmp_path):
    assert state(tmp_path, monitoring_overdue(), today=date(2026, 11, 2)).state == "terkini"
    assert state(tmp_path, monitoring_overdue(), today=date(2026, 11, 3)).state == "monitoring_terlambat"


def test_drafts_revoked_and_sample_sops_are_not_nagged(tmp_path):
    old = "tanggal_pengesahan: 7 Juli 2015\n"
    for extra in ("status: draf\n", "status: dicabut\n", "contoh: true\n"):
        now = state(tmp_path, sop("1", "X", old + extra))
        assert now.state == "tidak_dipantau" and not now.overdue and not now.watched


def test_without_records_the_clocks_start_at_the_documents_latest_date(tmp_path):
    now = state(tmp_path, sop("1", "X", "tanggal_pengesahan: Juli 2026\n"))
    assert now.reference == date(2026, 7, 1) and now.monitoring_due == date(2027, 1, 1) and now.state == "terkini"
    assert state(tmp_path, sop("1", "X")).state == "tanpa_tanggal"
    # a revision restarts both clocks, even after an old evaluation
    revised = state(tmp_path, review_overdue().replace("tanggal_pengesahan: 7 Juli 2024", "tanggal_revisi: 1 November 2026"))
    assert revised.state == "terkini" and revised.review_due == date(2027, 11, 1)


def test_review_interval_portal_default_and_per_sop_override(tmp_path):
    assert state(tmp_path, review_overdue(), interval=Interval(24)).state == "terkini"
    own = review_overdue().replace("tanggal_pengesahan:", "kaji_ulang_setiap: 2 tahun\ntanggal_pengesahan:")
    assert state(tmp_path, own).state == "terkini"
    assert state(tmp_path, fresh().replace("tanggal_pengesahan:", "kaji_ulang_setiap: 6 bulan\ntanggal_pengesahan:")).state == "kaji_ulang_terlambat"


def test_months_are_added_on_the_calendar():
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2023, 8, 31), 6) == date(2024, 2, 29)
    assert add_months(date(2026, 12, 4), 12) == date(2027, 12, 4)


def test_build_date_comes_from_the_caller_or_the_environment(monkeypatch):
    assert build_date("2026-01-02") == date(2026, 1, 2)
    monkeypatch.setenv("SOPBOOK_BUILD_DATE", "2025-05-06")
    assert build_date() == date(2025, 5, 6)
    monkeypatch.delenv("SOPBOOK_BUILD_DATE")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert build_date() == date(2023, 11, 14)
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        build_date("4 Desember 2026")


# The printed version: QR code and footer ---------------------------------------------------


def test_version_is_the_revision_number_or_else_the_latest_date(tmp_path):
    item = loaded(tmp_path, fresh()).sop
    numbered = sop_version(item)
    assert (numbered.kind, numbered.token) == ("versi", "2")
    assert numbered.query == f"?versi=2&isi={item.document_digest}" and len(item.document_digest) == 8
    assert numbered.words() == "Versi 2, 3 Maret 2025"
    dated = sop_version(loaded(tmp_path, sop("1", "X", "tanggal_pengesahan: 7 Juli 2024\ntanggal_revisi: 5 Mei 2026\n")).sop)
    assert (dated.kind, dated.token, dated.words()) == ("tanggal", "2026-05-05", "Versi tanggal 5 Mei 2026")
    assert dated.query.startswith("?tanggal=2026-05-05&isi=")
    assert sop_version(loaded(tmp_path, sop("1", "X")).sop) is None


def test_footer_names_the_version_in_words_and_in_the_qr_address(tmp_path, monkeypatch):
    item = loaded(tmp_path, fresh()).sop
    assert footer_lines(item)[0] == "Nomor SOP: 1.1 \u00b7 Versi 2"
    seen = []
    import sopbook.printing.footer as footer

    monkeypatch.setattr(footer, "qr_svg", lambda data: seen.append(data) or "<svg/>")
    footer_style(item, "https://sop.contoh.go.id/sop/x/1.1/")
    assert seen == [f"https://sop.contoh.go.id/sop/x/1.1/?versi=2&isi={item.document_digest}"]


def test_the_content_digest_changes_with_the_document_not_with_records_kept_after_signing(tmp_path):
    digest = loaded(tmp_path, fresh()).sop.document_digest
    row = monitoring("2 Desember 2026").replace("monitoring:\n", "")
    more_records = fresh().replace("monitoring:\n", "monitoring:\n" + row).replace("riwayat:", "kaji_ulang_setiap: 2 tahun\nriwayat:")
    assert len(loaded(tmp_path, more_records).sop.monitoring) == 2
    assert loaded(tmp_path, more_records).sop.document_digest == digest
    assert loaded(tmp_path, fresh().replace("tanggal_pengesahan:", "status: dicabut\ntanggal_pengesahan:")).sop.document_digest == digest
    assert loaded(tmp_path, fresh().replace("Menerima berkas", "Menerima berkas lengkap")).sop.document_digest != digest


# Pages -------------------------------------------------------------------------------------


def portal(tmp_path, *texts):
    sops = [loaded(tmp_path, text, f"{i}.yml") for i, text in enumerate(texts)]
    return Catalogue(sops)


def renderer(interval=Interval(12)):
    return Renderer(schedule=Schedule(TODAY, interval))


def page(catalogue, number, render=None):
    entry = next(e for e in catalogue if e.sop.number == number)
    refs = References(catalogue)
    html = (render or renderer()).sop_page(entry, url=lambda p: "/" + p, links=refs.links_of(entry))
    return BeautifulSoup(html, "html.parser")


def text_of(node) -> str:
    return " ".join(node.get_text(" ").split()) if node else ""


def test_sop_page_shows_the_latest_records_history_collapsed_and_next_dates(tmp_path):
    body = page(portal(tmp_path, fresh()), "1.1")
    assert body.select(".sop-overdue") == []
    section = text_of(body.select_one(".sop-lifecycle"))
    assert "Monitoring terakhir 1 Oktober 2026: Berjalan dengan baik (penilai: Kepala Seksi Pelayanan)" in section
    assert "Monitoring berikutnya paling lambat 1 April 2027" in section
    assert "Evaluasi terakhir 10 Januari 2026: SOP tetap dipakai (6 dari 7 kriteria terpenuhi" in section
    assert "Kaji ulang berikutnya paling lambat 10 Januari 2027 (setiap 1 tahun)" in section
    history = body.select(".sop-lifecycle details")
    assert len(history) == 2 and not any(d.has_attr("open") for d in history)
    assert "Formulir terlalu panjang" in text_of(history[1])
    assert text_of(body.select_one(".sop-version")) == "Versi di portal: Versi 2, 3 Maret 2025"


def test_overdue_banners_name_the_date_since_when(tmp_path):
    catalogue = portal(tmp_path, monitoring_overdue(), review_overdue())
    late = page(catalogue, "1.2").select(".sop-overdue")
    assert [text_of(b.select_one(".admonition-title")) for b in late] == ["Perlu dimonitor sejak 2 November 2026"]
    review = page(catalogue, "1.3").select(".sop-overdue")
    assert [text_of(b.select_one(".admonition-title")) for b in review] == ["Perlu dikaji ulang sejak 5 Agustus 2026"]


def test_draft_and_revoked_pages_are_not_nagged(tmp_path):
    old = "tanggal_pengesahan: 7 Juli 2015\n"
    catalogue = portal(tmp_path, sop("2.1", "Draf", old + "status: draf\n"), sop("2.2", "Lama", old + "status: dicabut\n"))
    for number in ("2.1", "2.2"):
        body = page(catalogue, number)
        assert body.select(".sop-overdue") == [] and "terlambat" not in text_of(body.select_one(".sop-lifecycle"))


def test_printed_sheet_statement_data_for_a_revoked_sop_names_the_replacement(tmp_path):
    catalogue = portal(tmp_path, fresh(), sop("0.9", "Layanan Lama", "status: dicabut\ndiganti_oleh: \"1.1\"\ntanggal_pengesahan: 2019\n"))
    box = page(catalogue, "0.9").select_one(".sop-printed")
    assert box.has_attr("hidden") and box["data-status"] == "dicabut"
    assert box["data-replaced"] == "1.1 Layanan Segar" and box["data-replaced-url"].endswith("/1.1/")
    assert (box["data-kind"], box["data-token"]) == ("tanggal", "2019")


def test_text_from_records_is_escaped(tmp_path):
    hostile = fresh().replace("Kepala Seksi Pelayanan", '"<script>alert(1)</script>"')
    html = str(page(portal(tmp_path, hostile), "1.1"))
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html


def test_monitoring_page_counts_per_unit_and_lists_the_overdue(tmp_path):
    catalogue = portal(tmp_path, fresh(), monitoring_overdue(), review_overdue(), fresh("7.1", "Lain", unit="Dinas Lain"))
    html = renderer().monitoring_page(catalogue, url=lambda p: "/" + p, forms=lambda n: "/f.html")
    body = BeautifulSoup(html, "html.parser")
    rows = [[text_of(td) for td in tr.select("td")] for tr in body.select(".sop-monitoring-units tbody tr")]
    assert rows == [
        ["Pemerintah Kota Uji › Dinas Lain", "1", "1", "1", "0", "Tabel 7"],
        ["Pemerintah Kota Uji › Dinas Uji", "3", "2", "2", "2", "Tabel 7"],
    ]
    overdue = [text_of(tr) for tr in body.select(".sop-monitoring-overdue tbody tr")]
    assert overdue[0].startswith("1.2 Layanan Belum Dimonitor Perlu dimonitor sejak 2 November 2026")
    assert overdue[1].startswith("1.3 Layanan Perlu Dikaji Perlu dikaji ulang sejak 5 Agustus 2026")


def test_a_portal_where_nothing_is_overdue_shows_nothing_overdue(tmp_path):
    catalogue = portal(tmp_path, fresh(), fresh("1.4", "Layanan Lain"), sop("1.5", "Draf", "status: draf\n"))
    body = BeautifulSoup(renderer().monitoring_page(catalogue, url=lambda p: "/" + p), "html.parser")
    assert body.select(".sop-monitoring-overdue") == [] and body.select("h2") == []
    assert "tidak ada yang terlambat" in text_of(body.select_one(".sop-monitoring-summary"))
    for number in ("1.1", "1.4", "1.5"):
        assert page(catalogue, number).select(".sop-overdue") == []


def test_unit_pages_mark_the_overdue_sops(tmp_path):
    catalogue = portal(tmp_path, fresh(), monitoring_overdue(), review_overdue())
    body = BeautifulSoup(renderer().unit_page(catalogue.entries[0].org, url=lambda p: "/" + p), "html.parser")
    marks = {text_of(tr.select_one(".sop-list-nomor")): [b.get_text() for b in tr.select(".sop-badge--terlambat")]
             for tr in body.select("tbody tr")}
    assert marks == {"1.1": [], "1.2": ["Monitoring terlambat"], "1.3": ["Perlu dikaji ulang"]}
    assert body.select_one(".sop-badge--terlambat")["title"] == "Perlu dimonitor sejak 2 November 2026"


def test_catalogue_json_carries_the_monitoring_fields(tmp_path):
    catalogue = portal(tmp_path, fresh(), review_overdue())
    records = catalogue_records(catalogue, References(catalogue), url=lambda p: p, schedule=Schedule(TODAY))
    first, second = records["sop"]
    assert first["versi"] == "Versi 2, 3 Maret 2025"
    assert first["pemantauan"] == {
        "keadaan": "terkini", "monitoring_terakhir": "2026-10-01", "evaluasi_terakhir": "2026-01-10",
        "monitoring_berikutnya": "2027-04-01", "kaji_ulang_berikutnya": "2027-01-10", "kaji_ulang_setiap": "1 tahun",
    }
    assert second["pemantauan"]["keadaan"] == "kaji_ulang_terlambat"


# Blank forms -------------------------------------------------------------------------------


def test_tabel7_is_prefilled_with_the_units_sops_in_force(tmp_path):
    catalogue = portal(tmp_path, fresh(), monitoring_overdue(), sop("1.9", "Masih Draf", "status: draf\n"))
    node = catalogue.entries[0].org
    html = renderer().tabel7_form(node, paper=PAPERS["a4"])
    body = BeautifulSoup(html, "html.parser")
    assert "size: 297mm 210mm" in html
    heads = text_of(body.select_one("table.form thead"))
    for column in ("No", "Prosedur", "Penilaian Terhadap Penerapan", "Berjalan dengan baik",
                   "Tidak berjalan dengan baik", "Catatan Hasil Penilaian", "Tindakan yang Harus Diambil", "Paraf Penilai"):
        assert column in heads
    rows = [[text_of(td) for td in tr.select("td")] for tr in body.select("table.form tbody tr")]
    assert rows == [["1", "1.1 Layanan Segar", "", "", "", "", ""], ["2", "1.2 Layanan Belum Dimonitor", "", "", "", "", ""]]


def test_evaluation_form_lists_the_seven_criteria_for_one_sop(tmp_path):
    catalogue = portal(tmp_path, fresh().replace("Layanan Segar", 'Layanan "</style><b>x'))
    html = renderer().evaluation_form(catalogue.entries[0], paper=PAPERS["f4"])
    body = BeautifulSoup(html, "html.parser")
    assert "size: 330mm 215mm" in html and "</style><b>" not in html.split("<body", 1)[1]
    assert html.count("</style>") == 1  # the title cannot close the style (footer text is a CSS escape)
    rows = body.select("table.form tbody tr")
    assert len(rows) == 8 and text_of(rows[-1]).startswith("Kesimpulan")
    assert text_of(rows[3]) == "4 SOP semua orang dapat menjalankan perannya masing-masing"


# sopbook status ----------------------------------------------------------------------------


@pytest.fixture
def content(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "content" / "dinas"
    folder.mkdir(parents=True)
    return folder


def test_status_lists_overdue_sops_by_unit_and_fails_only_when_asked(content, capsys):
    (content / "a.yml").write_text(fresh())
    (content / "b.yml").write_text(monitoring_overdue())
    (content / "c.yml").write_text(review_overdue())
    assert main(["status", "--tanggal", TODAY.isoformat()]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Pemantauan SOP per 4 Desember 2026")
    assert "Pemerintah Kota Uji › Dinas Uji: 3 SOP berlaku, 2 dimonitor ≤ 6 bulan, 2 dievaluasi dalam interval, 2 terlambat" in out
    assert "  1.2 Layanan Belum Dimonitor: perlu dimonitor sejak 2 November 2026 (content/dinas/b.yml)" in out
    assert "  1.3 Layanan Perlu Dikaji: perlu dikaji ulang sejak 5 Agustus 2026 (content/dinas/c.yml)" in out
    assert out[-1] == "2 SOP terlambat di 1 unit; 3 SOP berlaku dipantau"
    assert main(["status", "--tanggal", TODAY.isoformat(), "--gagal-bila-terlambat"]) == 1
    capsys.readouterr()
    assert main(["status", "--tanggal", TODAY.isoformat(), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["tanggal"] == "2026-12-04" and data["terlambat"] == 2
    (unit,) = data["unit"]
    assert [(s["nomor"], s["keadaan"]) for s in unit["terlambat"]] == [("1.2", "monitoring_terlambat"), ("1.3", "kaji_ulang_terlambat")]


def test_status_with_nothing_overdue_exits_zero_even_when_asked_to_fail(content, capsys):
    (content / "a.yml").write_text(fresh())
    assert main(["status", "--tanggal", TODAY.isoformat(), "--gagal-bila-terlambat"]) == 0
    out = capsys.readouterr().out
    assert out.strip().splitlines()[-1] == "Tidak ada SOP yang terlambat; 1 SOP berlaku dipantau"
    assert "Dinas Uji:" not in out


def test_status_reads_the_portals_review_interval_and_the_build_date(content, capsys, monkeypatch):
    (content / "c.yml").write_text(review_overdue())
    (content.parent.parent / "mkdocs.yml").write_text(
        "site_name: X\nplugins:\n  - sopbook:\n      review_interval: 2 tahun\n"
    )
    monkeypatch.setenv("SOPBOOK_BUILD_DATE", TODAY.isoformat())
    assert main(["status", "--gagal-bila-terlambat"]) == 0
    assert "kaji ulang setiap 2 tahun" in capsys.readouterr().out


def test_status_refuses_invalid_files(content, capsys):
    (content / "a.yml").write_text(sop("1", "X", monitoring("Oktober 2026")))
    assert main(["status", "--tanggal", TODAY.isoformat()]) == 2
    assert "kurang lengkap" in capsys.readouterr().err


# sopbook init ------------------------------------------------------------------------------


def test_init_adds_a_monthly_read_only_status_job(tmp_path):
    from sopbook.scaffold import init_portal

    init_portal(tmp_path)
    flow = yaml.safe_load((tmp_path / ".github/workflows/pemantauan-sop.yml").read_text())
    triggers = flow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["schedule"] == [{"cron": "0 1 1 * *"}]
    assert flow["permissions"] == {"contents": "read"}
    steps = " ".join(step.get("run", "") for step in flow["jobs"]["pemantauan"]["steps"])
    assert "sopbook status --gagal-bila-terlambat" in steps
    gitlab = yaml.safe_load((tmp_path / ".gitlab-ci.yml").read_text())
    job = gitlab["pemantauan-sop"]
    assert job["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "schedule"'}]
    assert "sopbook status --gagal-bila-terlambat" in job["script"]
    assert "review_interval: 1 tahun" in (tmp_path / "mkdocs.yml").read_text()
