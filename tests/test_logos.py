"""Logos per organisation folder (`_organisasi.yml`, sopbook/portal/logos.py): the nearest
folder's logo, on the page with its alt text; a missing or broken logo is a problem naming the
file and the field, in `sopbook check` and in the build."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ENV, SmallSite
from sops import sop_yaml
from sopbook.cli import main
from sopbook.portal.logos import find_logos
from test_print_form import png

SOP = sop_yaml("Pelayanan Uji", "1.1", organisasi=["Pemerintah Kota Logo", "Dinas Uji"])

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'


def test_the_nearest_folder_with_a_logo_gives_it(tmp_path: Path):
    (tmp_path / "kota/dinas").mkdir(parents=True)
    (tmp_path / "kota/_organisasi.yml").write_text("logo: kota.png\n")
    (tmp_path / "kota/kota.png").write_bytes(png())
    (tmp_path / "kota/dinas/_organisasi.yml").write_text("logo: dinas.svg\nlogo_alt: Lambang Dinas\n")
    (tmp_path / "kota/dinas/dinas.svg").write_text(SVG)
    logos = find_logos(tmp_path)
    assert not logos.problems
    deep = logos.for_file(tmp_path / "kota/dinas/bidang/a.yml")
    top = logos.for_file(tmp_path / "kota/b.yml")
    assert deep.source.name == "dinas.svg" and deep.alt_for(["X"]) == "Lambang Dinas"
    assert top.source.name == "kota.png" and top.alt_for(["Pemerintah Kota Logo"]) == "Logo Pemerintah Kota Logo"
    assert logos.for_file(tmp_path / "lain/c.yml") is None
    assert top.site_path.endswith(".png") and deep.site_path.endswith(".svg")


def test_missing_broken_and_unknown_are_problems_with_file_and_field(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a/_organisasi.yml").write_text("logo: tidak-ada.png\n")
    (tmp_path / "b/_organisasi.yml").write_text("warna: merah\nlogo: rusak.png\n")
    (tmp_path / "b/rusak.png").write_text("bukan gambar")
    problems = sorted(find_logos(tmp_path).problems)
    shown = [str(p) for p in problems]
    assert shown[0].endswith("a/_organisasi.yml:1:1: logo: berkas logo 'tidak-ada.png' tidak ada")
    assert any("b/_organisasi.yml:1:1: warna:" in s for s in shown)
    assert any("b/_organisasi.yml:2:1: logo:" in s and "bukan gambar" in s for s in shown)


def test_check_reports_a_broken_logo(tmp_path: Path, capsys, monkeypatch):
    (tmp_path / "content/kota").mkdir(parents=True)
    (tmp_path / "content/kota/a.yml").write_text(SOP)
    (tmp_path / "content/kota/_organisasi.yml").write_text("logo: hilang.png\n")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "content"]) == 1
    out = capsys.readouterr().out
    assert "_organisasi.yml:1:1: logo:" in out and "hilang.png" in out


def test_the_page_shows_the_logo_and_a_broken_one_stops_the_build(small_site: SmallSite):
    small_site.add("kota/a.yml", SOP)
    small_site.add("kota/_organisasi.yml", "logo: lambang.png\n")
    (small_site.root / "content/kota/lambang.png").write_bytes(png())
    assert small_site.build().returncode == 0
    page = small_site.page("sop/pemerintah-kota-logo/dinas-uji/1.1")
    logo = page.select_one(".sop-heading img.sop-logo")
    assert logo["alt"] == "Logo Pemerintah Kota Logo"
    assert (small_site.site / "sop/pemerintah-kota-logo/dinas-uji/1.1" / logo["src"]).resolve().read_bytes() == png()
    # the file given by `logo:` is gone: the build stops and names the file and the field
    (small_site.root / "content/kota/lambang.png").unlink()
    done = small_site.build()
    assert done.returncode != 0
    assert "_organisasi.yml:1:1: logo:" in done.stdout + done.stderr


@pytest.mark.usefixtures("chromium")
def test_the_booklet_carries_the_logo_on_each_sops_first_sheet(small_site: SmallSite):
    small_site.add("kota/a.yml", SOP)
    small_site.add("kota/_organisasi.yml", "logo: lambang.png\n")
    (small_site.root / "content/kota/lambang.png").write_bytes(png())
    done = subprocess.run([sys.executable, "-m", "sopbook.cli", "pdf", "-o", "out", "--workers", "1"],
                          cwd=small_site.root, capture_output=True, text=True, env=ENV, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    pdf = small_site.root / "out" / "semua-sop.pdf"
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = {int(line.split()[0]) for line in listing.splitlines()[2:] if line.strip()}
    text = subprocess.run(["pdftotext", "-f", "3", "-l", "3", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert 3 in pages and "Pelayanan Uji" in text  # cover, daftar isi, then the SOP with its logo
