"""Messages a clerk understands: Indonesian by default, English on request, a hint for each
common mistake, counts that add up, success on stdout, `sopbook --version`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sops import sop_yaml, step

from sopbook import messages
from sopbook.sop.loading import load_file, load_paths

def sop(nomor="1.2.3", nama="Contoh", simbol="keputusan") -> str:
    return sop_yaml(
        nama,
        nomor,
        organisasi=None,
        tanggal_pengesahan=None,
        pelaksana=["Lurah", "Sekretaris"],
        langkah=[
            step("Menerima surat", "Lurah", simbol=simbol, ya=3, tidak=2),
            step("Memperbaiki surat", "Sekretaris"),
            step("Mengarsipkan surat", "Sekretaris"),
        ],
    )


def sopbook(*args: str, cwd, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in {"SOPBOOK_LANG", "LC_ALL", "LC_MESSAGES", "LANG"}}
    return subprocess.run(
        [sys.executable, "-m", "sopbook.cli", *args], cwd=cwd, capture_output=True, text=True, env={**environment, **env}
    )


@pytest.mark.parametrize("written", ["Keputusan", "KEPUTUSAN", " keputusan "])
def test_simbol_is_accepted_in_any_case(tmp_path, written):
    path = tmp_path / "a.yml"
    path.write_text(sop(simbol=written))
    result = load_file(path)
    assert result.problems == []
    assert result.sops[0].sop.steps[0].symbol.value == "keputusan"


def test_unknown_simbol_gives_one_message_with_the_choices_and_nothing_about_ya(tmp_path):
    path = tmp_path / "a.yml"
    path.write_text(sop(simbol="Putusan"))
    (problem,) = load_file(path).problems
    assert str(problem) == (
        f"{path}:7:13: langkah[1].simbol: 'Putusan' bukan nilai yang dikenal; "
        "tulis salah satu: mulai, proses, keputusan, selesai"
    )


def test_a_colon_inside_a_step_text_says_to_quote_it(tmp_path):
    path = tmp_path / "a.yml"
    path.write_text(sop().replace("uraian: Menerima surat", "uraian: Menerima surat: asli dan salinan"))
    (problem,) = load_file(path).problems
    assert (problem.line, problem.column) == (5, 27)
    assert "beri tanda kutip" in problem.message
    quoted = sop().replace("uraian: Menerima surat", 'uraian: "Menerima surat: asli dan salinan"')
    path.write_text(quoted)
    assert load_file(path).sops[0].sop.steps[0].description == "Menerima surat: asli dan salinan"


def test_ya_written_as_words_asks_for_the_step_number(tmp_path):
    path = tmp_path / "a.yml"
    path.write_text(sop().replace("ya: 3", "ya: langkah 3"))
    (problem,) = load_file(path).problems
    assert problem.field == "langkah[1].ya"
    assert problem.message == "'ya' berisi nomor langkah saja, mis. 'ya: 3' (ditulis 'langkah 3')"


def test_over_indented_organisation_item_is_reported_not_merged(tmp_path):
    path = tmp_path / "a.yml"
    path.write_text(
        "organisasi:\n  - Pemerintah Kabupaten Sleman\n    - Dinas Kependudukan dan Pencatatan Sipil\n" + sop()
    )
    (problem,) = load_file(path).problems
    assert (problem.line, problem.column, problem.field) == (3, 5, "organisasi[1]")
    assert "terindentasi terlalu jauh" in problem.message


def test_a_text_with_a_dash_inside_a_line_is_not_a_list_item(tmp_path):
    path = tmp_path / "a.yml"
    path.write_text(sop(nama="Pelayanan").replace("nama: Pelayanan\n", "nama: Pelayanan\n  Surat - Menyurat\n"))
    assert load_file(path).sops[0].sop.title == "Pelayanan Surat - Menyurat"


def test_duplicate_nomor_names_both_files_and_neither_counts_as_valid(tmp_path):
    (tmp_path / "content").mkdir()
    for name in "abc":
        (tmp_path / "content" / f"{name}.yml").write_text(sop(nama=f"SOP {name}", nomor="1.2.3" if name != "c" else "4.5"))
    result = load_paths([tmp_path / "content"], base=tmp_path)
    assert sorted(p.file for p in result.problems) == ["content/a.yml", "content/b.yml"]
    assert [s.source for s in result.sops] == ["content/c.yml"]
    done = sopbook("check", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "content/a.yml:1:8: nomor: Nomor SOP '1.2.3' juga dipakai oleh content/b.yml:1; satu nomor untuk satu SOP "
        "(kedua berkas tidak dihitung valid)",
        "content/b.yml:1:8: nomor: Nomor SOP '1.2.3' juga dipakai oleh content/a.yml:1; satu nomor untuk satu SOP "
        "(kedua berkas tidak dihitung valid)",
        "2 masalah di 2 berkas; 1 SOP valid",
    ]


def test_messages_are_indonesian_by_default_and_english_on_request(tmp_path):
    (tmp_path / "a.yml").write_text(sop().replace("nama:", "namma:"))
    indonesian = "a.yml:2:1: namma: kolom 'namma' tidak dikenal; maksudnya 'nama'?"
    english = "a.yml:2:1: namma: unknown field 'namma'; did you mean 'nama'?"
    assert sopbook("check", "a.yml", cwd=tmp_path).stdout.splitlines()[0] == indonesian
    assert sopbook("check", "a.yml", cwd=tmp_path, LANG="C.UTF-8").stdout.splitlines()[0] == indonesian
    assert sopbook("check", "a.yml", cwd=tmp_path, LANG="id_ID.UTF-8").stdout.splitlines()[0] == indonesian
    assert sopbook("check", "--lang", "en", "a.yml", cwd=tmp_path).stdout.splitlines() == [
        english,
        "1 problem(s) in 1 file(s); 0 SOP(s) valid",
    ]
    assert sopbook("check", "a.yml", cwd=tmp_path, SOPBOOK_LANG="en").stdout.splitlines()[0] == english
    assert sopbook("check", "a.yml", cwd=tmp_path, LANG="en_GB.UTF-8").stdout.splitlines()[0] == english
    # the explicit choice wins over the locale
    assert sopbook("check", "a.yml", cwd=tmp_path, LANG="en_US.UTF-8", SOPBOOK_LANG="id").stdout.splitlines()[0] == indonesian


def test_success_goes_to_stdout_and_quiet_says_nothing(tmp_path):
    (tmp_path / "a.yml").write_text(sop())
    done = sopbook("check", "a.yml", cwd=tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (0, "1 SOP valid\n", "")
    done = sopbook("check", "-q", "a.yml", cwd=tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_version():
    from importlib.metadata import version

    done = sopbook("--version", cwd=".")
    assert done.returncode == 0
    assert done.stdout.strip() == f"sopbook {version('sopbook')}"


def test_every_message_has_both_languages_with_the_same_fields():
    for key, texts in messages.MESSAGES.items():
        assert set(texts) == set(messages.LANGUAGES), key
        assert texts["id"] != texts["en"] or not any(c.isalpha() for c in texts["id"]), key


def test_a_module_can_define_its_own_messages():
    messages.define("test.example", id="waktu {text!r} terbalik", en="time {text!r} is reversed")
    try:
        messages.set_language("en")
        assert messages.say("test.example", text="2-1 hari") == "time '2-1 hari' is reversed"
        messages.set_language("id")
        assert messages.say("test.example", text="2-1 hari") == "waktu '2-1 hari' terbalik"
        with pytest.raises(ValueError, match="different fields"):
            messages.define("test.bad", id="{a}", en="{b}")
        with pytest.raises(ValueError, match="not a name"):
            messages.define("test.braces", id="kurung { }", en="braces { }")
    finally:
        messages.set_language(None)
        messages.MESSAGES.pop("test.example")


MALFORMED = sorted((Path(__file__).parent / "malformed").glob("*.yml"))


@pytest.mark.parametrize("path", MALFORMED, ids=lambda p: p.stem)
def test_every_malformed_file_gets_the_same_problem_in_english(path):
    indonesian = load_file(path).problems
    try:
        messages.set_language("en")
        english = load_file(path).problems
    finally:
        messages.set_language(None)
    assert [(p.line, p.column, p.field) for p in english] == [(p.line, p.column, p.field) for p in indonesian]
    for id_problem, en_problem in zip(indonesian, english):
        assert en_problem.message != id_problem.message
