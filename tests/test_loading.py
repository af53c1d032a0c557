"""Loading and diagnostics: every malformed file gets a precise `file:line:col: field: message`."""

import re
import signal
import textwrap
from pathlib import Path

import pytest

from sopbook.sop.loading import load_file, load_paths

MALFORMED = Path(__file__).parent / "malformed"
EXPECT = re.compile(r"^# expect: (\d+) (\S+) :: (.+)$")
VALID = textwrap.dedent(
    """\
    nomor: "1.2.3"
    nama: Contoh
    pelaksana: [Lurah, JFU]
    langkah:
      - uraian: Menerima surat
        pelaksana: Lurah
        waktu: 5 menit
      - uraian: Mengarsipkan
        pelaksana: JFU
    """
)


@pytest.fixture(autouse=True)
def no_hang():
    """Nothing may hang: every test here must finish within 20 seconds."""

    def fail(*_):
        raise TimeoutError("loading hung")

    previous = signal.signal(signal.SIGALRM, fail)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def corpus():
    files = sorted(MALFORMED.glob("*.yml"))
    assert len(files) >= 30
    return files


@pytest.mark.parametrize("path", corpus(), ids=lambda p: p.stem)
def test_malformed_file_reports_exact_line_and_field(path):
    line, field, fragment = EXPECT.match(path.read_text().splitlines()[0]).groups()
    result = load_file(path)
    assert not result.sops
    assert len(result.problems) == 1, "\n".join(map(str, result.problems))
    problem = result.problems[0]
    assert problem.line == int(line)
    assert problem.field == ("" if field == "-" else field)
    assert fragment in problem.message
    assert str(problem).startswith(f"{path}:{line}:{problem.column}: ")


def test_every_problem_in_a_file_is_reported_at_once(tmp_path):
    path = tmp_path / "many.yml"
    path.write_text(
        VALID.replace("nama: Contoh", "namaa: Contoh")
        .replace("waktu: 5 menit", "waktu: 5 abad")
        .replace("pelaksana: JFU", "pelaksana: Staf")
    )
    problems = load_file(path).problems
    assert sorted((p.line, p.field) for p in problems) == [
        (2, "namaa"),
        (7, "langkah[1].waktu"),
        (9, "langkah[2].pelaksana"),
    ]


def test_a_valid_file_loads(tmp_path):
    path = tmp_path / "ok.yml"
    path.write_text(VALID)
    result = load_file(path)
    assert result.problems == []
    (loaded,) = result.sops
    assert loaded.sop.number == "1.2.3"
    assert loaded.positions.of(("langkah", 1, "uraian")) == (8, 13)


def test_scalars_stay_text_as_written(tmp_path):
    """YAML 1.1 would read 3.10 as 3.1 and 2017 as an int; the format keeps them as written."""
    path = tmp_path / "ok.yml"
    path.write_text(VALID.replace('"1.2.3"', "3.10") + "tanggal_pengesahan: 2017\n")
    sop = load_file(path).sops[0].sop
    assert sop.number == "3.10"
    assert sop.approved == "2017"


def test_duplicate_numbers_across_the_catalogue(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.yml").write_text(VALID)
    (tmp_path / "b.yml").write_text(VALID.replace("nama: Contoh", "nama: Lain"))
    result = load_paths([tmp_path], base=tmp_path)
    first, second = sorted(result.problems)
    assert (first.file, first.line, first.field) == ("a/one.yml", 1, "nomor")
    assert (second.file, second.line, second.field) == ("b.yml", 1, "nomor")
    assert "juga dipakai oleh b.yml:1" in first.message
    assert "juga dipakai oleh a/one.yml:1" in second.message
    assert result.sops == []  # neither counts as valid


def test_binary_garbage(tmp_path):
    path = tmp_path / "garbage.yml"
    path.write_bytes(bytes(range(256)) * 40)
    (problem,) = load_file(path).problems
    assert "bukan berkas teks UTF-8" in problem.message or "NUL" in problem.message


def test_fifty_megabyte_file_is_refused_unread(tmp_path):
    path = tmp_path / "huge.yml"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    (problem,) = load_file(path).problems
    assert (problem.line, problem.column) == (1, 1)
    assert "52.4 MB" in problem.message and "harus di bawah" in problem.message


def test_alias_bomb_is_refused(tmp_path):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    path = tmp_path / "bomb.yml"
    path.write_text("\n".join(lines) + "\n")
    (problem,) = load_file(path).problems
    assert problem.line == 2 and "alias (*a) tidak boleh dipakai" in problem.message


def test_deeply_nested_data_is_refused(tmp_path):
    path = tmp_path / "deep.yml"
    path.write_text("nama: " + "[" * 100_000 + "]" * 100_000 + "\n")
    (problem,) = load_file(path).problems
    assert problem.line == 1 and "bersarang lebih dari" in problem.message


def test_deep_block_nesting_is_refused(tmp_path):
    path = tmp_path / "deep.yml"
    path.write_text("".join("  " * i + f"k{i}:\n" for i in range(200)) + "  " * 200 + "v\n")
    (problem,) = load_file(path).problems
    assert "bersarang lebih dari" in problem.message


def test_missing_path_is_reported(tmp_path):
    result = load_paths([tmp_path / "nope.yml"])
    (problem,) = result.problems
    assert "tidak ada" in problem.message


def test_hidden_folders_and_other_files_are_skipped(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.yml").write_text("garbage: [")
    (tmp_path / "notes.txt").write_text("not an SOP")
    (tmp_path / "ok.yaml").write_text(VALID)
    result = load_paths([tmp_path])
    assert result.problems == [] and len(result.sops) == 1
