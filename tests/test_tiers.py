"""The tiers of the suite: markers come from the fixtures, a build without a build fixture
fails, a missing Chromium skips outside CI and fails in CI, the SOP factory writes valid SOPs."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml
from conftest import ROOT, _builds, _BuildGuard, chromium_or_skip
from sops import decision, line_of, sop_dict, sop_yaml, step, write_sop

from sopbook.portal.catalogue import Catalogue
from sopbook.sop.loading import load_paths


REPORT = """
import sys, pytest
class Report:
    def pytest_collection_finish(self, session):
        for item in session.items:
            tiers = sorted(m.name for m in item.iter_markers() if m.name in ("browser", "build", "slow"))
            print("TIERS", item.nodeid, ",".join(tiers))
sys.exit(pytest.main(["-p", "no:cacheprovider", "--collect-only", "-q", *sys.argv[1:]], plugins=[Report()]))
"""


def tiers(*files: str) -> dict[str, set[str]]:
    """Each collected test of `files`: the tiers its markers put it in (one collection run)."""
    done = subprocess.run([sys.executable, "-c", REPORT, *files], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    found = [line.split(" ") for line in done.stdout.splitlines() if line.startswith("TIERS ")]
    return {nodeid.split("[")[0]: set(filter(None, marks.split(","))) for _, nodeid, marks in found}


def test_markers_follow_the_fixtures_a_test_uses():
    seen = tiers("tests/test_layout_browser.py", "tests/test_katalog.py", "tests/test_model.py", "tests/test_bench.py")
    for nodeid, marks in seen.items():
        module = nodeid.split("::")[0]
        if module == "tests/test_layout_browser.py":  # `page` and the built fixture portal
            assert marks == {"browser", "build"}, nodeid
        elif module == "tests/test_katalog.py":  # small_site builds
            assert marks == {"build"}, nodeid
        elif module == "tests/test_bench.py":  # mkdocs and slow
            assert marks == {"build", "slow"}, nodeid
        else:  # nothing but in-process code: the fast tier
            assert marks == set(), nodeid
    assert {nodeid.split("::")[0] for nodeid in seen} == {
        "tests/test_layout_browser.py", "tests/test_katalog.py", "tests/test_model.py", "tests/test_bench.py"
    }


def test_a_build_is_recognised_in_every_spelling():
    assert _builds([sys.executable, "-m", "mkdocs", "build", "--strict"]) == "mkdocs build"
    assert _builds("mkdocs build -f x.yml") == "mkdocs build"  # a shell command line
    assert _builds(["/usr/bin/mkdocs", "serve"]) == "/usr/bin/mkdocs serve"
    assert _builds([sys.executable, "-c", "from mkdocs.commands.build import build"]) == "mkdocs.commands.build"
    assert _builds(["git", "status"]) is None and _builds("pdftoppm -png a.pdf a") is None


def test_a_build_without_a_build_fixture_fails_naming_the_fixture(monkeypatch):
    monkeypatch.setattr(_BuildGuard, "allowed", False)
    with pytest.raises(AssertionError, match="ask for `mkdocs`"):
        subprocess.run([sys.executable, "-m", "mkdocs", "--version"], capture_output=True)
    subprocess.run([sys.executable, "--version"], capture_output=True, check=True)  # others run
    from mkdocs.commands import build

    with pytest.raises(AssertionError, match="ask for `mkdocs`"):
        build.build(None)  # in this process too


@pytest.mark.parametrize("ci, outcome", [("", pytest.skip.Exception), ("true", pytest.fail.Exception)])
def test_missing_chromium_skips_outside_ci_and_fails_in_ci(monkeypatch, ci, outcome):
    import browser

    monkeypatch.setattr(browser, "chromium_path", lambda: None)
    monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match="needs Chromium"):
        chromium_or_skip()


def test_the_factory_writes_valid_sops_with_every_default_overridable(tmp_path):
    write_sop(tmp_path, "a.yml")
    write_sop(tmp_path, "b/c.yml", "Tanpa Nomor", None, organisasi=["Pemerintah Kota Lain"], tanggal_pengesahan=None,
              keterkaitan=["SOP Pengelolaan Arsip"], langkah=[step("Bekerja", ["Lurah", "Staf"], "1 jam")])
    loaded = load_paths([tmp_path])
    assert loaded.problems == [] and Catalogue(loaded.sops).problems == []
    a, c = sorted(loaded.sops, key=lambda s: s.source)
    assert (a.sop.number, a.sop.title, len(a.sop.steps)) == ("1.2.3", "Pengelolaan Arsip", 3)
    assert c.sop.number is None and [str(x) for x in c.sop.actors] == ["Lurah", "Staf"]
    data = sop_dict(langkah=[step("a", "X"), decision("b", "Y", ya=1, tidak=1), step("c", ["Z", "X"])])
    assert data["pelaksana"] == ["X", "Y", "Z"]  # in the order they first act
    text = sop_yaml(nama="Judul: dengan <b>titik dua</b>", nomor="28.8")
    assert yaml.safe_load(text)["nama"] == "Judul: dengan <b>titik dua</b>" and yaml.safe_load(text)["nomor"] == "28.8"
    assert text.splitlines()[0] == "organisasi: [Pemerintah Kota Uji, Dinas Arsip, Bidang Layanan]"
    assert line_of(text, "nama:") == 3
