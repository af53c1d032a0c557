"""Edits put into an existing catalogue (sopbook/incremental.py, `References.update`) give
the same references, "Dirujuk oleh", missing SOPs and catalogue.json as a catalogue built anew
from the edited files; edits that would move an SOP are refused with nothing changed."""

from __future__ import annotations

import random

import pytest

from sopbook.portal.catalogue import Catalogue
from sopbook.portal.references import References
from sopbook.portal.records import catalogue_records
from sopbook.portal.incremental import replace_in_place
from sopbook.sop.loading import load_file, load_paths

from sops import sop_yaml, step

UNITS = ["Bidang Layanan", "Bidang Lain"]
TITLES = ["Arsip Awal", "Bertanya", "Cadangan", "Dokumen Masuk", "Evaluasi", "Fasilitasi"]


def view(catalogue: Catalogue, references: References) -> dict:
    """Everything a page, the catalogue page or catalogue.json shows of the references."""
    return {
        "order": [e.path for e in catalogue],
        "links": {e.path: {t: x.path for t, x in references.links_of(e).items()} for e in catalogue},
        "cited": {e.path: [c.path for c in references.citing(e)] for e in catalogue},
        "missing": [(m.title, [(r.source.path, r.path, r.text) for r in m.references]) for m in references.missing],
        "all": [(r.source.path, r.path, r.text, r.target.path if r.target else None) for r in references.all],
        "json": catalogue_records(catalogue, references, url=lambda path: path),
    }


def text(number: int, title: str, unit: str, cites: list[str], remark: str, *, nomor: str | None = "") -> str:
    """An SOP numbered 1.`number` (or `nomor`; None: no number) citing `cites`, with `remark`
    as the Keterangan of its last step."""
    steps = [step("Menerima surat", "Kepala", "5 menit"), step("Mengarsipkan", "Staf", "55 menit", keterangan=remark)]
    return sop_yaml(
        title,
        f"1.{number}" if nomor == "" else nomor,
        organisasi=["Pemerintah Kota Uji", "Dinas Arsip", unit],
        keterkaitan=list(cites) or None,
        langkah=steps,
    )


def random_text(rng: random.Random, number: int, unit: str) -> str:
    cites = rng.sample([f"SOP {t}" for t in TITLES] + ["1.3", "1.40", "SOP Tidak Ada"], rng.randint(0, 3))
    remark = rng.choice(["-", "Lihat SOP Evaluasi", "arsip 1.2", "catatan biasa", "SOP Belum Ditulis"])
    return text(number, rng.choice(TITLES), unit, cites, remark)


@pytest.mark.parametrize("seed", range(6))
def test_edits_in_place_equal_a_catalogue_built_anew(tmp_path, seed):
    rng = random.Random(seed)
    content = tmp_path / "content"
    content.mkdir()
    files = []
    for i in range(12):
        path = content / f"{i:02d}.yml"
        path.write_text(random_text(rng, i, UNITS[i % 2]))
        files.append(path)
    loaded = load_paths([content], base=tmp_path)
    assert not loaded.problems
    catalogue = Catalogue(loaded.sops)
    references = References(catalogue)
    entries = list(catalogue)
    for _ in range(5):  # several edits in a row, one to three files each
        edited = rng.sample(range(12), rng.randint(1, 3))
        for i in edited:
            files[i].write_text(random_text(rng, i, UNITS[i % 2]))
        new = [load_file(files[i], base=tmp_path).sops[0] for i in edited]
        changed = replace_in_place(catalogue, references, new)
        assert changed is not None
        assert list(catalogue) == entries  # the same entries, in the same order
        fresh = Catalogue(load_paths([content], base=tmp_path).sops)
        assert view(catalogue, references) == view(fresh, References(fresh))


def test_a_title_edit_reaches_the_sops_that_cite_it_by_title(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    a = content / "a.yml"
    a.write_text(text(1, "Arsip Awal", UNITS[0], [], "-"))
    (content / "b.yml").write_text(text(2, "Bertanya", UNITS[0], ["SOP Arsip Baru"], "-"))
    catalogue = Catalogue(load_paths([content], base=tmp_path).sops)
    references = References(catalogue)
    first, second = list(catalogue)
    assert references.citing(first) == [] and [m.title for m in references.missing] == ["SOP Arsip Baru"]

    a.write_text(text(1, "Arsip Baru", UNITS[0], [], "-"))
    assert replace_in_place(catalogue, references, load_file(a, base=tmp_path).sops).changed == [first]
    assert references.citing(first) == [second]
    assert references.links_of(second) == {"SOP Arsip Baru": first}
    assert references.missing == []

    a.write_text(text(1, "Arsip Awal", UNITS[0], [], "-"))
    replace_in_place(catalogue, references, load_file(a, base=tmp_path).sops)
    assert references.citing(first) == [] and [m.title for m in references.missing] == ["SOP Arsip Baru"]


@pytest.mark.parametrize(
    "edit",
    [
        {"nomor": "1.9"},  # another address
        {"unit": "Bidang Baru"},  # another unit
        {"nomor": None},  # the address would come from the title
    ],
)
def test_an_edit_that_moves_an_sop_is_refused_and_changes_nothing(tmp_path, edit):
    content = tmp_path / "content"
    content.mkdir()
    a = content / "a.yml"
    a.write_text(text(1, "Arsip Awal", UNITS[0], [], "-"))
    (content / "b.yml").write_text(text(2, "Bertanya", UNITS[0], ["1.1"], "-"))
    catalogue = Catalogue(load_paths([content], base=tmp_path).sops)
    references = References(catalogue)
    before = view(catalogue, references)
    a.write_text(text(1, "Arsip Awal", **{"unit": UNITS[0], "cites": [], "remark": "-", **edit}))
    assert replace_in_place(catalogue, references, load_file(a, base=tmp_path).sops) is None
    assert view(catalogue, references) == before


def test_sops_without_number_keep_their_order_or_are_refused(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    for name, title in (("a", "Alfa"), ("b", "Beta"), ("c", "Gamma")):
        (content / f"{name}.yml").write_text(text(1, title, UNITS[0], [], "-", nomor=None))
    catalogue = Catalogue(load_paths([content], base=tmp_path).sops)
    references = References(catalogue)
    a = content / "a.yml"
    # "alfa" -> "ALFA": the same address and order (titles sort ignoring case)
    a.write_text(a.read_text().replace("nama: Alfa", "nama: ALFA"))
    assert replace_in_place(catalogue, references, load_file(a, base=tmp_path).sops) is not None
    assert [e.sop.title for e in catalogue] == ["ALFA", "Beta", "Gamma"]
    # "Ålfa": the same address (alfa/), but it sorts after "Gamma": refused
    a.write_text(a.read_text().replace("nama: ALFA", "nama: Ålfa"))
    assert replace_in_place(catalogue, references, load_file(a, base=tmp_path).sops) is None
    assert [e.sop.title for e in catalogue] == ["ALFA", "Beta", "Gamma"]
