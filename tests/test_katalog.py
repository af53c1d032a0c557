"""Catalogue page, catalogue.json, cross-links, "Belum tersedia" and strict references."""

from __future__ import annotations

import json

from conftest import SMALL_SITE_CONFIG
from sops import sop_yaml, step

UNIT = ["Pemerintah Kota Uji", "Kecamatan Satu", "Kelurahan Dua"]


def sop(number, title, related=(), remarks=(), org=UNIT, sample=False):
    return sop_yaml(
        title,
        number,
        organisasi=org,
        tanggal_pengesahan=None,
        contoh=sample or None,
        keterkaitan=list(related) or None,
        langkah=[step("Bekerja", "Lurah", "1 hari", keterangan=list(remarks) or None)],
    )


def build_portal(small_site):
    small_site.add("a.yml", sop("28.8.1.10", "Laporan Capaian", related=["SOP Administrasi Surat Masuk", "SOP Penyusunan Renstra"], remarks=["SOP Penyimpanan Arsip"]))
    small_site.add("b.yml", sop("27.7.1.13", "Sasaran Kerja", related=["SOP Administrasi Surat Keluar"], remarks=["lihat 28.8.1.10"]))
    small_site.add("c.yml", sop("3.1.2.6", "Laporan Kinerja", org=["Pemerintah Kota Uji", "Inspektorat"], related=["SOP Penyusunan Renstra"]))
    small_site.add("d.yml", sop("BKPSDM.1.7-2017", "Laporan BKPSDM", org=["Pemerintah Kota Lain", "BKPSDM"]))
    small_site.add("e.yml", sop(None, "Administrasi Surat Masuk", sample=True))
    small_site.add("f.yml", sop(None, "Penyimpanan Arsip", sample=True))
    small_site.add("g.yml", sop(None, "Tanpa Organisasi", org=[]))
    done = small_site.build()
    assert done.returncode == 0, done.stderr


def test_catalogue_json_lists_every_sop_in_natural_order(small_site):
    build_portal(small_site)
    data = json.loads((small_site.site / "katalog" / "catalogue.json").read_text())
    assert [s["nomor"] or s["nama"] for s in data["sop"]] == [
        "3.1.2.6", "27.7.1.13", "28.8.1.10", "BKPSDM.1.7-2017",
        "Administrasi Surat Masuk", "Penyimpanan Arsip", "Tanpa Organisasi",
    ]
    first = data["sop"][0]
    assert first["url"] == "sop/pemerintah-kota-uji/inspektorat/3.1.2.6/"
    assert (small_site.site / first["url"] / "index.html").exists()
    assert first["pelaksana"] == ["Lurah"] and first["total_waktu"] == "1 hari kerja"
    assert [s["contoh"] for s in data["sop"]][4:6] == [True, True]


def test_catalogue_page_lists_missing_sops_with_who_cites_them(small_site):
    build_portal(small_site)
    page = small_site.page("katalog")
    rows = page.select("table.sop-missing tbody tr")
    assert [
        (r.select_one(".sop-missing-title").get_text(), [a.get_text() for a in r.select(".sop-missing-cited a")])
        for r in rows
    ] == [
        ("SOP Administrasi Surat Keluar", ["27.7.1.13 Sasaran Kerja"]),
        ("SOP Penyusunan Renstra", ["3.1.2.6 Laporan Kinerja", "28.8.1.10 Laporan Capaian"]),
    ]
    # the filter controls and the per-unit catalogues are there
    assert page.select_one("input#sop-filter-text") and page.select_one("select#sop-filter-org")
    units = [a.get_text() for a in page.select(".sop-katalog-units a")]
    assert units[:3] == ["Organisasi tidak disebutkan", "Pemerintah Kota Lain", "BKPSDM"]


def test_references_become_links_and_pages_show_dirujuk_oleh(small_site):
    build_portal(small_site)
    base = "sop/pemerintah-kota-uji/kecamatan-satu/kelurahan-dua"
    page = small_site.page(f"{base}/28.8.1.10")
    links = {a.get_text(): a["href"] for a in page.select("a.sop-ref")}
    assert links == {
        "SOP Administrasi Surat Masuk": "../administrasi-surat-masuk/",
        "SOP Penyimpanan Arsip": "../penyimpanan-arsip/",
    }
    # a missing SOP stays plain text
    related = page.select_one(".sop-keterkaitan")
    assert "SOP Penyusunan Renstra" in related.get_text() and related.find("a", string="SOP Penyusunan Renstra") is None
    # a number inside a remark links too, and the target shows who cites it
    assert small_site.page(f"{base}/27.7.1.13").select_one("a.sop-ref")["href"] == "../28.8.1.10/"
    cited = small_site.page(f"{base}/28.8.1.10").select(".sop-cited-by a")
    assert [a.get_text() for a in cited] == ["27.7.1.13 Sasaran Kerja"]


def test_sample_sops_carry_a_banner_and_a_catalogue_mark(small_site):
    build_portal(small_site)
    base = "sop/pemerintah-kota-uji/kecamatan-satu/kelurahan-dua"
    page = small_site.page(f"{base}/administrasi-surat-masuk")
    assert page.select_one(".sop-contoh .admonition-title").get_text() == "Contoh — bukan dokumen resmi"
    assert small_site.page(f"{base}/28.8.1.10").select_one(".sop-contoh") is None
    unit = small_site.page(base)
    marked = [row.select_one(".sop-list-nama a").get_text() for row in unit.select("tr.sop-list-contoh")]
    assert marked == ["Administrasi Surat Masuk", "Penyimpanan Arsip"]


def test_strict_references_fail_the_build_with_file_and_line(small_site):
    (small_site.root / "mkdocs.yml").write_text(
        SMALL_SITE_CONFIG.replace("  - sopbook\n", "  - sopbook:\n      strict_references: true\n")
    )
    small_site.add("a.yml", sop("1", "Satu", related=["SOP Ada", "SOP Tidak Ada"]))
    small_site.add("b.yml", sop("2", "Ada"))
    done = small_site.build()
    assert done.returncode == 1
    assert "content/a.yml:6:5: keterkaitan[2]: 'SOP Tidak Ada' merujuk SOP yang tidak ada di portal" in done.stderr
    assert "SOP Ada'" not in done.stderr
    assert not small_site.site.exists()
