"""Status banners, diganti_oleh, Riwayat Revisi, "Terakhir diubah" and catalogue status, as built."""

from __future__ import annotations

import json
import subprocess

from conftest import ENV
from sops import sop_yaml, step
from test_history import Repo

def sop(nomor, nama, extra="", **fields):
    steps = [step("Menerima berkas", "Staf"), step("Mengarsipkan berkas", "Staf")]
    return sop_yaml(nama, nomor, organisasi=["Pemerintah Kota Uji", "Dinas Uji"], tanggal_pengesahan=None,
                    langkah=steps, **fields) + extra


def test_draft_and_revoked_pages_carry_banners_and_the_replacement_link(small_site):
    small_site.add("lama.yml", sop("1.1", "Layanan Lama", status="dicabut", diganti_oleh="1.2"))
    small_site.add("baru.yml", sop("1.2", "Layanan Baru", status="draf"))
    small_site.add("berlaku.yml", sop("1.3", "Layanan Tetap"))
    done = small_site.build()
    assert done.returncode == 0, done.stderr
    base = "sop/pemerintah-kota-uji/dinas-uji"
    old = small_site.page(f"{base}/1.1")
    banner = old.select_one(".sop-status--dicabut")
    assert banner.select_one(".admonition-title").get_text() == "Dicabut — tidak berlaku lagi"
    link = banner.select_one(".sop-replaced-by a")
    assert link.get_text() == "1.2 Layanan Baru" and link["href"].rstrip("/").endswith("1.2")
    assert "belum tersedia" not in banner.get_text()
    new = small_site.page(f"{base}/1.2")
    assert new.select_one(".sop-status--draf .admonition-title").get_text() == "DRAF — belum berlaku"
    assert small_site.page(f"{base}/1.3").select_one(".sop-status") is None
    data = json.loads((small_site.site / "katalog" / "catalogue.json").read_text())
    states = {s["nomor"]: (s["status"], s["diganti_oleh"]) for s in data["sop"]}
    assert states == {"1.1": ("dicabut", "1.2"), "1.2": ("draf", None), "1.3": ("berlaku", None)}
    unit = small_site.page(base)
    badges = [b.get_text() for b in unit.select(".sop-badge")]
    assert sorted(badges) == ["Dicabut", "Draf"]
    katalog = small_site.page("katalog")
    options = [o["value"] for o in katalog.select("#sop-filter-status option")]
    assert options == ["", "berlaku", "draf", "dicabut"]


def test_a_replacement_not_in_the_portal_is_listed_as_missing(small_site):
    small_site.add("lama.yml", sop("1.1", "Layanan Lama", status="dicabut", diganti_oleh="SOP Layanan Digital"))
    done = small_site.build()
    assert done.returncode == 0, done.stderr
    page = small_site.page("sop/pemerintah-kota-uji/dinas-uji/1.1")
    banner = page.select_one(".sop-status--dicabut")
    assert banner.select_one(".sop-replaced-by a") is None
    assert "SOP Layanan Digital (belum tersedia di portal)" in banner.get_text()
    missing = [td.get_text() for td in small_site.page("katalog").select(".sop-missing-title")]
    assert missing == ["SOP Layanan Digital"]


def test_riwayat_revisi_table_escapes_its_text(small_site):
    riwayat = (
        "riwayat:\n"
        "  - tanggal: 3 Maret 2025\n    versi: \"2\"\n    uraian: Waktu <b>langkah</b> 2 diubah\n    oleh: Bagian Organisasi\n"
        "  - tanggal: \"-\"\n    uraian: Penyesuaian nama\n"
    )
    small_site.add("a.yml", sop("1.1", "Layanan", riwayat))
    done = small_site.build()
    assert done.returncode == 0, done.stderr
    page = small_site.page("sop/pemerintah-kota-uji/dinas-uji/1.1")
    assert page.select_one("#riwayat-revisi").get_text() == "Riwayat Revisi"
    rows = [[td.get_text() for td in tr.select("td")] for tr in page.select(".sop-history-table tbody tr")]
    assert rows == [
        ["1", "3 Maret 2025", "2", "Waktu <b>langkah</b> 2 diubah", "Bagian Organisasi"],
        ["2", "-", "-", "Penyesuaian nama", "-"],
    ]
    assert page.select_one(".sop-history-table b") is None


def test_terakhir_diubah_shows_the_commit_date_of_each_file(small_site):
    repo = Repo(small_site.root)
    small_site.add("a.yml", sop("1.1", "Layanan A"))
    small_site.add("b.yml", sop("1.2", "Layanan B"))
    repo.commit("awal", date="2025-01-15T09:00:00+07:00")
    small_site.add("b.yml", sop("1.2", "Layanan B Baru"))
    repo.commit("ubah b", date="2025-03-03T10:00:00+07:00")
    done = small_site.build()
    assert done.returncode == 0, done.stderr
    base = "sop/pemerintah-kota-uji/dinas-uji"
    a = small_site.page(f"{base}/1.1").select_one(".sop-last-changed")
    b = small_site.page(f"{base}/1.2").select_one(".sop-last-changed")
    assert a.get_text() == "Terakhir diubah: 15 Januari 2025"
    assert b.get_text() == "Terakhir diubah: 3 Maret 2025"
    assert b.select_one("time")["datetime"].startswith("2025-03-03T10:00:00")


def test_a_shallow_clone_builds_and_dates_only_what_it_knows(small_site, tmp_path):
    repo = Repo(small_site.root)
    (small_site.root / "overrides" / "README.md").write_text("Template overrides\n")
    small_site.add("a.yml", sop("1.1", "Layanan A"))
    small_site.add("b.yml", sop("1.2", "Layanan B"))
    repo.commit("awal", date="2025-01-15T09:00:00+07:00")
    small_site.add("c.yml", sop("1.3", "Layanan C"))
    repo.commit("tambah c", date="2025-02-01T10:00:00+07:00")
    small_site.add("b.yml", sop("1.2", "Layanan B Baru"))
    repo.commit("ubah b", date="2025-03-03T10:00:00+07:00")
    clone = tmp_path / "clone"
    done = subprocess.run(
        ["git", "clone", "-q", "--depth", "2", f"file://{small_site.root}", str(clone)],
        capture_output=True, text=True, env=ENV,
    )
    assert done.returncode == 0, done.stderr
    from conftest import mkdocs_build, soup

    built = mkdocs_build(clone)
    assert built.returncode == 0, built.stderr
    base = clone / "site/sop/pemerintah-kota-uji/dinas-uji"
    # a.yml and c.yml appear first in the shallow edge commit: their dates are unknown there
    assert soup(base / "1.1/index.html").select_one(".sop-last-changed") is None
    assert soup(base / "1.3/index.html").select_one(".sop-last-changed") is None
    changed = soup(base / "1.2/index.html").select_one(".sop-last-changed")
    assert changed.get_text() == "Terakhir diubah: 3 Maret 2025"


def test_a_folder_outside_git_builds_without_dates(small_site):
    small_site.add("a.yml", sop("1.1", "Layanan A"))
    done = small_site.build()
    assert done.returncode == 0, done.stderr
    page = small_site.page("sop/pemerintah-kota-uji/dinas-uji/1.1")
    assert page.select_one(".sop-last-changed") is None and page.select_one(".sop-identity") is not None


def test_diganti_oleh_without_dicabut_is_a_clear_problem(tmp_path):
    from sopbook.sop.loading import load_file

    path = tmp_path / "a.yml"
    path.write_text(sop("1.1", "Layanan", diganti_oleh="1.2"))
    problems = [str(p) for p in load_file(path, base=tmp_path).problems]
    assert problems == ["a.yml:4:15: diganti_oleh: 'diganti_oleh' hanya dipakai bersama 'status: dicabut'"]


def test_search_text_says_draft_and_revoked(small_site):
    small_site.add("a.yml", sop("1.1", "Layanan Lama", status="dicabut", diganti_oleh="1.2"))
    small_site.add("b.yml", sop("1.2", "Layanan Baru", status="draf"))
    done = small_site.build()
    assert done.returncode == 0, done.stderr
    index = json.loads((small_site.site / "search/search_index.json").read_text())
    texts = {d["location"]: d["text"] for d in index["docs"]}
    base = "sop/pemerintah-kota-uji/dinas-uji"
    assert "Dicabut, diganti oleh 1.2" in texts[f"{base}/1.1/"]
    assert "DRAF" in texts[f"{base}/1.2/"]


def test_a_git_checkout_builds_when_git_itself_is_missing(small_site):
    import sys

    from conftest import MKDOCS

    repo = Repo(small_site.root)
    small_site.add("a.yml", sop("1.1", "Layanan A"))
    repo.commit("awal")
    env = {**ENV, "PATH": str(small_site.root / "no-such-bin")}
    done = subprocess.run([*MKDOCS, "build", "--strict"], cwd=small_site.root, env=env, capture_output=True, text=True)
    assert sys.executable == MKDOCS[0]
    assert done.returncode == 0, done.stderr
    page = small_site.page("sop/pemerintah-kota-uji/dinas-uji/1.1")
    assert page.select_one(".sop-last-changed") is None and page.select_one(".sop-identity") is not None
