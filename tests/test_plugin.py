"""The MkDocs adapter, through real `mkdocs build --strict` runs of small sites."""

from __future__ import annotations

import re

from conftest import SMALL_SITE_CONFIG
from sops import sop_yaml

def sop(nomor="1.2.3", nama="Pengelolaan Arsip"):
    return sop_yaml(nama, nomor or None)  # the factory's SOP: two actors, a decision, 1 day 1 hour


def nav_labels(page) -> list[str]:
    return [" ".join(a.get_text().split()) for a in page.select("nav.md-nav--primary a.md-nav__link")]


def test_each_sop_becomes_a_page_at_a_readable_url(small_site):
    small_site.add("uji/a.yml", sop())
    small_site.add("uji/b.yml", sop(nomor="", nama="Tanpa Nomor").replace('nomor: ""\n', ""))
    done = small_site.build()
    assert done.returncode == 0, done.stderr
    base = "sop/pemerintah-kota-uji/dinas-arsip/bidang-layanan"
    page = small_site.page(f"{base}/1.2.3")
    assert page.select_one(".sop-id-nomor").get_text() == "1.2.3"
    assert small_site.page(f"{base}/tanpa-nomor").select_one(".sop-id-nomor").get_text() == "-"
    assert page.title.get_text().startswith("Pengelolaan Arsip")


def test_navigation_follows_the_organisation_in_natural_number_order(small_site):
    for number in ["28.8.1.10", "3.1.2.6", "27.7.1.13", "3.1.2.10"]:
        small_site.add(f"uji/{number}.yml", sop(nomor=number, nama=f"SOP {number}"))
    assert small_site.build().returncode == 0
    page = small_site.page("sop/pemerintah-kota-uji/dinas-arsip/bidang-layanan/3.1.2.6")
    labels = nav_labels(page)
    sops = [label for label in labels if label.startswith(tuple("0123456789"))]
    assert sops == [
        "3.1.2.6 SOP 3.1.2.6",
        "3.1.2.10 SOP 3.1.2.10",
        "27.7.1.13 SOP 27.7.1.13",
        "28.8.1.10 SOP 28.8.1.10",
    ]
    # Pemerintah › Perangkat Daerah › Unit lead to the SOPs, hand-written pages come first
    assert labels.index("Beranda") < labels.index("Pemerintah Kota Uji") < labels.index("Dinas Arsip")
    assert labels.index("Dinas Arsip") < labels.index("Bidang Layanan") < labels.index(sops[0])
    unit = small_site.page("sop/pemerintah-kota-uji/dinas-arsip/bidang-layanan")
    assert [td.get_text() for td in unit.select(".sop-list-nomor")] == [
        "3.1.2.6", "3.1.2.10", "27.7.1.13", "28.8.1.10",
    ]


def test_official_layout_in_order_with_grouped_header_and_total(small_site):
    small_site.add("a.yml", sop() + "dasar_hukum: [UU 1, UU 2]\nkualifikasi_pelaksana: SMA\n")
    assert small_site.build().returncode == 0
    page = small_site.page("sop/pemerintah-kota-uji/dinas-arsip/bidang-layanan/1.2.3")
    article = page.select_one("article.sop")
    order = [el["class"][0] for el in article.find_all(class_=re.compile("^sop-(heading|identity|sections|scroll|signature)$"))]
    assert order == ["sop-heading", "sop-identity", "sop-sections", "sop-scroll"]
    heading = article.select_one(".sop-heading").get_text(" ", strip=True)
    assert heading == "Pemerintah Kota Uji Dinas Arsip Bidang Layanan Standar Operasional Prosedur (SOP) Pengelolaan Arsip"
    identity = [th.get_text() for th in article.select(".sop-identity th")]
    assert identity == ["Nomor SOP", "Tanggal Pembuatan", "Tanggal Revisi", "Tanggal Pengesahan", "Disahkan oleh", "Nama SOP"]
    assert [li.get_text() for li in article.select(".sop-dasar-hukum li")] == ["UU 1", "UU 2"]
    head = article.select(".sop-procedure thead tr")
    assert [(th.get_text(), th.get("colspan"), th.get("rowspan")) for th in head[0].find_all("th")] == [
        ("No", None, "2"), ("Uraian Prosedur", None, "2"), ("Pelaksana", "2", None),
        ("Mutu Baku", "3", None), ("Keterangan", None, "2"),
    ]
    assert [th.get_text() for th in head[1].find_all("th")] == ["Kepala", "Staf", "Kelengkapan", "Waktu", "Output"]
    rows = article.select(".sop-procedure tbody tr")
    marks = [[i for i, td in enumerate(row.select("td.sop-actor")) if td.select(".sop-sym")] for row in rows]
    assert marks == [[0], [1], [1]]
    assert rows[1].select_one(".sop-sym--keputusan")
    assert rows[1].select_one(".sop-branches").get_text(" ", strip=True) == "Ya → 3 Tidak → 1"
    assert article.select_one(".sop-total").get_text() == "1 hari kerja + 1 jam"
    assert "Total Waktu Penyelesaian" in article.select_one("tfoot").get_text()


def test_missing_optional_parts_are_left_out_cleanly(small_site):
    small_site.add(
        "a.yml",
        """\
        nama: Minimal
        pelaksana: [Staf]
        langkah:
          - uraian: Bekerja
            pelaksana: Staf
        """,
    )
    assert small_site.build().returncode == 0
    page = small_site.page("sop/organisasi-tidak-disebutkan/minimal")
    article = page.select_one("article.sop")
    text = article.get_text(" ")
    assert "None" not in text
    # as in the printed form, all six headings stay, an empty cell shows "-"
    assert [td.get_text() for td in article.select(".sop-sections td")] == ["-"] * 6
    assert article.select_one(".sop-signature") is None
    assert article.select_one("tfoot") is None  # no total without any Waktu
    assert article.select_one(".sop-org") is None
    assert [td.get_text() for td in article.select(".sop-identity td")] == ["-", "-", "-", "-", "-", "Minimal"]


def test_signature_block_closes_the_page(small_site):
    small_site.add("a.yml", sop() + "penandatangan:\n  jabatan: Kepala Dinas\n  nama: Budi\n  nip: 1970 01\n")
    assert small_site.build().returncode == 0
    article = small_site.page("sop/pemerintah-kota-uji/dinas-arsip/bidang-layanan/1.2.3").select_one("article.sop")
    sig = article.select_one(".sop-signature")
    assert sig.get_text(" ", strip=True) == "Kepala Dinas Budi NIP. 1970 01"
    assert sig.find_previous(class_="sop-scroll") is not None


def test_invalid_sop_fails_the_build_with_file_and_line_and_writes_nothing(small_site):
    small_site.add("a.yml", sop())
    assert small_site.build().returncode == 0
    before = sorted(p.relative_to(small_site.site) for p in small_site.site.rglob("*"))
    small_site.add("b.yml", sop(nomor="9.9").replace("waktu: 5 menit", "waktu: 5 abad"))
    done = small_site.build()
    assert done.returncode == 1
    assert "b.yml:9:12: langkah[1].waktu: satuan waktu 'abad' tidak dikenal" in done.stderr
    assert "Traceback" not in done.stderr
    after = sorted(p.relative_to(small_site.site) for p in small_site.site.rglob("*"))
    assert after == before  # the previous site is untouched, no half-written page


def test_sites_override_templates_in_overrides_sopbook(small_site):
    small_site.add("a.yml", sop() + "penandatangan:\n  jabatan: Kepala Dinas\n")
    custom = small_site.root / "overrides" / "sopbook" / "partials"
    custom.mkdir(parents=True)
    (custom / "signature.html").write_text('<p class="custom-sig">Ditandatangani: {{ sop.signature.position }}</p>\n')
    assert small_site.build().returncode == 0
    page = small_site.page("sop/pemerintah-kota-uji/dinas-arsip/bidang-layanan/1.2.3")
    assert page.select_one(".custom-sig").get_text() == "Ditandatangani: Kepala Dinas"
    assert page.select_one(".sop-signature") is None


def test_content_dir_option_and_its_validation(small_site):
    (small_site.root / "mkdocs.yml").write_text(SMALL_SITE_CONFIG.replace("  - sopbook\n", "  - sopbook:\n      content_dir: nope\n"))
    done = small_site.build()
    assert done.returncode == 1
    assert "content_dir" in done.stderr and "nope" in done.stderr


def test_pages_carry_only_their_own_part_of_the_navigation(small_site):
    (small_site.root / "mkdocs.yml").write_text(
        SMALL_SITE_CONFIG.replace("  font: false\n", "  font: false\n  features: [navigation.path]\n")
    )
    for unit in range(12):
        for n in range(3):
            small_site.add(f"u{unit}/{n}.yml", sop(nomor=f"{unit}.{n}", nama=f"SOP {unit}.{n}").replace("Bidang Layanan", f"Unit {unit}"))
    small_site.add("other/1.yml", sop(nomor="9.9", nama="Lain").replace("Pemerintah Kota Uji", "Pemerintah Kota Lain"))
    small_site.add("sub/1.yml", sop(nomor="0.9", nama="Sub").replace("Bidang Layanan]", "Unit 0, Seksi A]"))
    assert small_site.build().returncode == 0
    page = small_site.page("sop/pemerintah-kota-uji/dinas-arsip/unit-0/0.0")
    labels = nav_labels(page)
    # hand-written pages, the catalogue, the path to the SOP's unit, its sub-units and SOPs;
    # no other government and no sibling unit: the sidebar does not grow with the portal
    assert labels == [
        "Beranda", "Katalog SOP", "Pemantauan SOP", "Pemerintah Kota Uji", "Dinas Arsip", "Unit 0",
        "Seksi A", "0.0 SOP 0.0", "0.1 SOP 0.1", "0.2 SOP 0.2",
    ]
    assert page.select_one("nav.md-nav--primary a.md-nav__link--active").get_text(strip=True) == "0.0 SOP 0.0"
    # the breadcrumb path and unit pages still lead everywhere
    assert [a.get_text(strip=True) for a in page.select(".md-path a")][-3:] == ["Pemerintah Kota Uji", "Dinas Arsip", "Unit 0"]
    # a unit page: the path to it and its own sub-units and SOPs; its body lists them too
    unit_page = small_site.page("sop/pemerintah-kota-uji/dinas-arsip/unit-0")
    assert nav_labels(unit_page) == labels
    dinas = small_site.page("sop/pemerintah-kota-uji/dinas-arsip")
    assert "Unit 11" in nav_labels(dinas) and "Pemerintah Kota Lain" not in nav_labels(dinas)
    assert len(dinas.select(".sop-unit-children li")) == 12
    # the catalogue page keeps the whole top of the tree
    assert "Pemerintah Kota Lain" in nav_labels(small_site.page("katalog"))


def test_edit_button_opens_the_sop_yaml_file(small_site):
    (small_site.root / "mkdocs.yml").write_text(
        SMALL_SITE_CONFIG.replace("  font: false\n", "  font: false\n  features: [content.action.edit]\n")
        + "repo_url: https://git.example.go.id/portal/sop\nedit_uri: edit/main/docs/\n"
    )
    small_site.add("uji/arsip.yml", sop())
    assert small_site.build().returncode == 0
    page = small_site.page("sop/pemerintah-kota-uji/dinas-arsip/bidang-layanan/1.2.3")
    edit = page.select_one("a.md-content__button[href*='/edit/']")
    assert edit["href"] == "https://git.example.go.id/portal/sop/edit/main/content/uji/arsip.yml"
    # generated catalogue pages have no source file to edit
    assert small_site.page("katalog").select_one("a.md-content__button[href*='/edit/']") is None
