"""Page addresses: hostile numbers and names stay one safe path segment inside `sop/`, and two
SOPs or units on one address are an error naming both files (core, `sopbook check`, build)."""

from __future__ import annotations


import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sops import sop_yaml, step

from sopbook.portal.addresses import MAX_SLUG, slugify
from sopbook.portal.catalogue import Catalogue
from sopbook.cli import main
from sopbook.sop.loading import load_paths

SEGMENT = re.compile(r"^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$")
HOSTILE = [
    "../../x", "a/b", "..", ".", "/", "./.hidden", "\\..\\..\\win", "x" * 300, "Judul " * 60,
    "\u202eevil\u202c", "a\u0000b\u001fc", "中文", "🙂", "%2e%2e%2f", "-.-", "CON", "a//b",
    "1.2<sopbook-x>", "28.8.1.10", "BKPSDM.1.7-2017", "400.12/7-2026",
]


def assert_safe(slug: str) -> None:
    assert SEGMENT.match(slug), slug
    assert ".." not in slug and "/" not in slug and len(slug) <= MAX_SLUG


@pytest.mark.parametrize("text", HOSTILE)
def test_every_slug_is_one_visible_bounded_path_segment(text):
    assert_safe(slugify(text))
    assert_safe(slugify(text, keep_dots=True))


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=400))
def test_any_text_gives_a_safe_segment(text):
    assert_safe(slugify(text))
    assert_safe(slugify(text, keep_dots=True))


def test_numbers_keep_their_dots_and_long_titles_stay_distinct():
    assert slugify("28.8.1.10", keep_dots=True) == "28.8.1.10"
    assert slugify("BKPSDM.1.7-2017", keep_dots=True) == "bkpsdm.1.7-2017"
    first, second = "Penyusunan " * 30 + "A", "Penyusunan " * 30 + "B"
    assert slugify(first) != slugify(second)
    assert slugify(first) == slugify(first)  # stable: the same text, the same address
    assert slugify("中文") != slugify("日本")


def sop(nama, nomor=None, org=("Pemerintah Kota Uji",)):
    return sop_yaml(nama, nomor or None, organisasi=list(org), tanggal_pengesahan=None, langkah=[step("Bekerja", "Lurah")])


def write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    return folder


def catalogue_of(folder: Path) -> Catalogue:
    result = load_paths([folder])
    assert result.problems == []
    return Catalogue(result.sops)


def test_hostile_numbers_and_names_land_inside_sop(tmp_path):
    files = {f"{i}.yml": sop(f"Judul {i}", nomor=text) for i, text in enumerate(HOSTILE) if text != "a//b"}  # "a/b" twice
    files["org.yml"] = sop("Organisasi", org=["../..", "a/b", ".hidden"])
    catalogue = catalogue_of(write(tmp_path, files))
    assert catalogue.problems == []
    paths = [e.path for e in catalogue] + [n.path for n in catalogue.units()]
    for path in paths:
        assert path.startswith("sop/") and path.endswith("/")
        for segment in path.strip("/").split("/")[1:]:
            assert_safe(segment)
    assert len(set(paths)) == len(paths)


@pytest.mark.parametrize(
    "files, field",
    [
        # two numbers that differ only in punctuation
        ({"a.yml": sop("A", nomor="1.2/3"), "b.yml": sop("B", nomor="1.2-3")}, "nomor"),
        # two SOPs without a number with the same title in one unit
        ({"a.yml": sop("Rapat"), "b.yml": sop("rapat!")}, "nama"),
        # two spellings of a unit that give one address
        ({"a.yml": sop("A", org=["Kota Uji", "Bidang A"]), "b.yml": sop("B", org=["Kota Uji", "Bidang-A"])}, "organisasi[2]"),
        # an SOP and a sub-unit of its unit
        ({"a.yml": sop("X", org=["Kota Uji", "Bidang Layanan"]), "b.yml": sop("Bidang Layanan", org=["Kota Uji"])}, "nama"),
    ],
)
def test_two_pages_on_one_address_is_one_problem_naming_both_files(tmp_path, files, field):
    catalogue = catalogue_of(write(tmp_path, files))
    assert len(catalogue.problems) == 1, catalogue.problems
    problem = catalogue.problems[0]
    assert Path(problem.file).name == "b.yml" and problem.field == field
    assert "a.yml:" in problem.message and "alamat halaman sop/" in problem.message


def test_an_sop_titled_index_does_not_take_its_units_page(tmp_path):
    catalogue = catalogue_of(write(tmp_path, {"a.yml": sop("Index")}))
    assert catalogue.problems == []
    assert catalogue.entries[0].path == "sop/pemerintah-kota-uji/index-sop/"


def test_sopbook_check_reports_the_clash(tmp_path, capsys):
    write(tmp_path, {"a.yml": sop("Rapat"), "b.yml": sop("Rapat")})
    assert main(["check", str(tmp_path)]) == 1
    *out, summary = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and out[0].startswith(f"{tmp_path / 'b.yml'}:") and "a.yml" in out[0]
    assert summary == "1 masalah di 1 berkas; 1 SOP valid"


def test_same_number_twice_is_reported_once(tmp_path, capsys):
    write(tmp_path, {"a.yml": sop("A", nomor="1.1"), "b.yml": sop("B", nomor="1.1")})
    assert main(["check", str(tmp_path)]) == 1
    *out, summary = capsys.readouterr().out.strip().splitlines()
    # one problem per file, each naming the other (loading.duplicate_numbers); no address clash
    assert len(out) == 2 and all("Nomor SOP '1.1'" in line for line in out)
    assert summary == "2 masalah di 2 berkas; 0 SOP valid"


def test_a_clash_fails_the_build_and_writes_nothing(small_site):
    small_site.add("a.yml", sop("Rapat"))
    small_site.add("b.yml", sop("RAPAT"))
    done = small_site.build()
    assert done.returncode != 0
    assert "b.yml:" in done.stderr and "a.yml:" in done.stderr and "alamat halaman" in done.stderr
    assert "Traceback" not in done.stderr
    assert not small_site.site.exists()


def test_a_hostile_site_builds_only_inside_its_sop_folder(small_site):
    small_site.add("a.yml", sop("Keluar", nomor="../../../x", org=["../..", "a/b"]))
    small_site.add("b.yml", sop("../../index", org=["..", "/etc"]))
    done = small_site.build()
    assert done.returncode == 0, done.stderr
    outside = small_site.root.parent
    assert sorted(p.name for p in outside.iterdir()) == ["project"]
    # (.cache/ is sopbook's own cache folder next to mkdocs.yml: README, "Load cache")
    assert sorted(p.name for p in small_site.root.iterdir()) == [".cache", "content", "docs", "mkdocs.yml", "overrides", "site"]
    pages = [p.relative_to(small_site.site).as_posix() for p in small_site.site.rglob("index.html")]
    sop_pages = [p for p in pages if p.startswith("sop/")]
    assert len(sop_pages) == 2 + 4  # two SOPs, four units
    for page in sop_pages:
        for segment in page.split("/")[1:-1]:
            assert_safe(segment)
