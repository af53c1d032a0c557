"""The `sopbook` command as a user runs it."""

import json
import subprocess
import sys

from conftest import ROOT
from sops import sop_yaml, step
from sopbook.cli import main
from sopbook.sop.model import sop_json_schema

GOOD = sop_yaml("Contoh", None, organisasi=None, tanggal_pengesahan=None, langkah=[step("Menandatangani", "Lurah")])


def run(*args, cwd):
    return subprocess.run(
        [sys.executable, "-m", "sopbook.cli", *args], cwd=cwd, capture_output=True, text=True
    )


def test_check_exit_0_when_clean(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.yml").write_text(GOOD)
    done = run("check", cwd=tmp_path)  # default path: content
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == "1 SOP valid\n"  # success is the answer: stdout
    assert done.stderr == ""


def test_check_reports_every_problem_and_exits_1(tmp_path):
    (tmp_path / "a.yml").write_text(GOOD.replace("nama:", "nmaa:"))
    (tmp_path / "b.yml").write_text(GOOD.replace("pelaksana: Lurah", "pelaksana: Camat"))
    done = run("check", "a.yml", "b.yml", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "a.yml:1:1: nmaa: kolom 'nmaa' tidak dikenal; maksudnya 'nama'?",
        "b.yml:5:16: langkah[1].pelaksana: pelaksana 'Camat' tidak ada di daftar 'pelaksana' (Lurah)",
        "2 masalah di 2 berkas; 0 SOP valid",
    ]
    assert "Traceback" not in done.stderr


def test_check_hostile_file_gives_a_message_not_a_traceback(tmp_path):
    (tmp_path / "x.yml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00garbage")
    done = run("check", "x.yml", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.startswith("x.yml:1:")
    assert "Traceback" not in done.stderr


def test_schema_command_prints_the_models_schema(capsys):
    assert main(["schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == sop_json_schema()


def test_committed_schema_file_is_up_to_date():
    """Editors read sop.schema.json; regenerate with `make schema` after changing the model."""
    committed = json.loads((ROOT / "sop.schema.json").read_text())
    assert committed == sop_json_schema()
