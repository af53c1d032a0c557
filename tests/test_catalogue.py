"""The catalogue core: order, organisation tree, references, missing SOPs (no MkDocs)."""

from __future__ import annotations

from pathlib import Path

from sops import sop_dict, step

from sopbook.portal.catalogue import Catalogue
from sopbook.portal.references import References, normalise_title
from sopbook.portal.records import catalogue_records
from sopbook.portal.addresses import natural_key
from sopbook.sop.loading import LoadedSop, Positions
from sopbook.sop.model import Sop

MADIUN = ["Pemerintah Kota Madiun", "Kecamatan Manguharjo", "Kelurahan Pangongangan"]


def make(title, number=None, org=MADIUN, related=(), remarks=()):
    data = sop_dict(
        title,
        number or None,
        organisasi=list(org),
        tanggal_pengesahan=None,
        keterkaitan=list(related),
        pelaksana=["A"],
        langkah=[step("x", "A", keterangan=list(remarks), waktu="5 menit")],
    )
    return LoadedSop(Sop.model_validate(data), Path(f"{title}.yml"), f"{title}.yml", Positions())


def test_natural_number_order_with_free_form_and_missing_numbers_last():
    catalogue = Catalogue(
        [
            make("Tanpa nomor B"),
            make("D", "28.8.1.10"),
            make("E", "BKPSDM.1.7-2017"),
            make("A", "3.1.2.6"),
            make("Tanpa nomor A"),
            make("C", "27.7.1.13"),
            make("B", "3.1.2.10"),
        ]
    )
    assert [e.sop.number or e.sop.title for e in catalogue] == [
        "3.1.2.6", "3.1.2.10", "27.7.1.13", "28.8.1.10", "BKPSDM.1.7-2017", "Tanpa nomor A", "Tanpa nomor B",
    ]
    assert natural_key("3.1.2.6") < natural_key("27.7.1.13") < natural_key("28.8.1.10")


def test_paths_are_stable_and_readable():
    catalogue = Catalogue([make("Penyusunan LKj (Tahunan)"), make("X", "BKPSDM.1.7-2017", org=["Pemerintah Kota Sungai Penuh", "BKPSDM"])])
    assert sorted(e.path for e in catalogue) == [
        "sop/pemerintah-kota-madiun/kecamatan-manguharjo/kelurahan-pangongangan/penyusunan-lkj-tahunan/",
        "sop/pemerintah-kota-sungai-penuh/bkpsdm/bkpsdm.1.7-2017/",
    ]


def test_same_title_twice_in_a_unit_is_an_address_clash_naming_both_files():
    catalogue = Catalogue([make("Rapat"), make("Rapat")])
    assert len(catalogue.problems) == 1
    message = str(catalogue.problems[0])
    assert message.startswith("Rapat.yml:1:1: nama: ") and "(Rapat.yml:1:1)" in message
    assert "/rapat/" in message and "rapat-2" not in message


def test_normalised_titles_ignore_case_prefix_punctuation_and_spacing():
    assert normalise_title("SOP Administrasi  Surat-Masuk.") == "administrasi surat masuk"
    assert normalise_title("sop: penyimpanan arsip") == normalise_title("Penyimpanan Arsip")
    assert normalise_title("SOPAN") == "sopan"


def test_references_by_title_and_number_with_backlinks_and_missing():
    surat = make("Administrasi Surat Masuk")
    arsip = make("Penyimpanan Arsip", "1.1")
    citing = make(
        "Laporan",
        "28.8.1.10",
        related=["SOP Administrasi Surat Masuk", "SOP Penyusunan Renstra"],
        remarks=["lihat 1.1", "Pengumpulan data sampai 3 hari kerja", "SOP Rapat Dinas"],
    )
    catalogue = Catalogue([surat, arsip, citing])
    refs = References(catalogue)
    by = {e.sop.title: e for e in catalogue}
    links = refs.links_of(by["Laporan"])
    assert {text: target.sop.title for text, target in links.items()} == {
        "SOP Administrasi Surat Masuk": "Administrasi Surat Masuk",
        "lihat 1.1": "Penyimpanan Arsip",
    }
    assert [e.sop.title for e in refs.citing(by["Administrasi Surat Masuk"])] == ["Laporan"]
    assert [(m.title, [e.sop.title for e in m.cited_by]) for m in refs.missing] == [
        ("SOP Penyusunan Renstra", ["Laporan"]),
        ("SOP Rapat Dinas", ["Laporan"]),
    ]
    # the plain remark is not a reference at all
    assert all("3 hari" not in r.text for r in refs.all)
    paths = {r.text: r.path for r in refs.all}
    assert paths["SOP Rapat Dinas"] == ("langkah", 0, "keterangan", 2)


def test_title_matches_prefer_the_same_unit_then_the_same_government_only():
    here = make("Penyimpanan Arsip", "1")
    kecamatan = make("Penyimpanan Arsip", "2", org=MADIUN[:2])
    other_city = make("Administrasi Surat Masuk", "3", org=["Pemerintah Kota Sungai Penuh"])
    citing = make("Laporan", "4", related=["SOP Penyimpanan Arsip", "SOP Administrasi Surat Masuk"])
    citing_kecamatan = make("Lain", "5", org=MADIUN[:2] + ["Kelurahan Lain"], related=["SOP Penyimpanan Arsip"])
    refs = References(Catalogue([here, kecamatan, other_city, citing, citing_kecamatan]))
    by = {e.sop.number: e for e in refs.catalogue}
    assert refs.links_of(by["4"])["SOP Penyimpanan Arsip"].sop.number == "1"
    assert refs.links_of(by["5"])["SOP Penyimpanan Arsip"].sop.number == "2"
    # another government's SOP of the same title is not this office's procedure
    assert "SOP Administrasi Surat Masuk" not in refs.links_of(by["4"])
    assert [m.title for m in refs.missing] == ["SOP Administrasi Surat Masuk"]


def test_catalogue_records_for_catalogue_json():
    catalogue = Catalogue([make("Laporan", "28.8.1.10", related=["SOP Tidak Ada"])])
    records = catalogue_records(catalogue, References(catalogue), url=lambda p: p)
    (sop,) = records["sop"]
    assert sop == {
        "nomor": "28.8.1.10",
        "nama": "Laporan",
        "organisasi": MADIUN,
        "tanggal_pengesahan": None,
        "tanggal_revisi": None,
        "tanggal_efektif": None,
        "url": "sop/pemerintah-kota-madiun/kecamatan-manguharjo/kelurahan-pangongangan/28.8.1.10/",
        "pelaksana": ["A"],
        "jumlah_langkah": 1,
        "simbol": {"mulai": 1, "proses": 0, "keputusan": 0, "selesai": 0},
        "total_waktu": "5 menit",
        "contoh": False,
        "status": "berlaku",
        "diganti_oleh": None,
        "versi": None,  # neither a revision number nor a date
        "pemantauan": {
            "keadaan": "tanpa_tanggal",
            "monitoring_terakhir": None,
            "evaluasi_terakhir": None,
            "monitoring_berikutnya": None,
            "kaji_ulang_berikutnya": None,
            "kaji_ulang_setiap": "1 tahun",
        },
    }
    assert records["belum_tersedia"] == [
        {"nama": "SOP Tidak Ada", "dirujuk_oleh": [{"nomor": "28.8.1.10", "nama": "Laporan", "url": sop["url"]}]}
    ]


def test_outline_depth_keeps_the_catalogue_outline_small():
    sops = [make(f"S{g}.{d}.{u}", org=[f"Gov {g}", f"Dinas {d}", f"Unit {u}"]) for g in range(3) for d in range(4) for u in range(5)]
    catalogue = Catalogue(sops)  # 3 governments, 12 dinas, 60 units
    assert catalogue.outline_depth(100) == 3
    assert catalogue.outline_depth(75) == 3 and catalogue.outline_depth(74) == 2
    assert catalogue.outline_depth(15) == 2 and catalogue.outline_depth(14) == 1
    assert catalogue.outline_depth(1) == 1  # the top level is always listed
