"""`sopbook new`: the new file lands in the right folder and passes `sopbook check` at once."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from sopbook.cli import main
from sopbook.sop.loading import load_paths


def test_new_from_flags_lands_in_the_organisation_folder_and_passes_check(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    code = main([
        "new", "--no-input",
        "--organisasi", "Pemerintah Kota Uji > Dinas Kependudukan",
        "--nomor", "12.3.4", "--nama", "Pelayanan Akta <Kelahiran>",
        "--pelaksana", "Staf, Kepala Seksi", "--pelaksana", "Kepala Dinas",
    ])
    assert code == 0, capsys.readouterr().err
    path = tmp_path / "content/pemerintah-kota-uji/dinas-kependudukan/12.3.4-pelayanan-akta-kelahiran.yml"
    assert capsys.readouterr().out.strip() == str(path.relative_to(tmp_path))
    text = path.read_text()
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../../sop.schema.json"
    assert (path.parent / "../../../sop.schema.json").resolve().is_file()
    result = load_paths(["content"])
    assert result.problems == []
    [loaded] = result.sops
    sop = loaded.sop
    assert sop.title == "Pelayanan Akta <Kelahiran>" and sop.number == "12.3.4"
    assert sop.organisation == ["Pemerintah Kota Uji", "Dinas Kependudukan"]
    assert sop.actors == ["Staf", "Kepala Seksi", "Kepala Dinas"]
    assert sop.status.value == "draf" and len(sop.steps) == 2
    assert main(["check", "content"]) == 0


def test_new_refuses_a_number_already_used_and_an_existing_file(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    args = ["new", "--no-input", "--nomor", "1.1", "--nama", "Layanan", "--pelaksana", "Staf"]
    assert main(args) == 0
    capsys.readouterr()
    assert main(args) == 1
    assert "sudah ada" in capsys.readouterr().err
    assert main(["new", "--no-input", "--nomor", "1.1", "--nama", "Layanan Lain", "--pelaksana", "Staf"]) == 1
    err = capsys.readouterr().err
    assert "1.1-layanan.yml:" in err and "sudah dipakai" in err and "Traceback" not in err
    assert not (tmp_path / "content/1.1-layanan-lain.yml").exists()


def test_new_without_a_title_off_a_terminal_names_the_missing_flags(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "--no-input", "--pelaksana", "Staf"]) == 2
    assert "--nama" in capsys.readouterr().err


def test_new_on_a_terminal_asks_for_what_is_missing(tmp_path):
    main_fd, child_fd = os.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "sopbook.cli", "new"],
        stdin=child_fd, stdout=subprocess.PIPE, stderr=child_fd, cwd=tmp_path, text=True,
    )
    os.close(child_fd)
    answers = ["Pemerintah Kota Uji > Kecamatan Barat", "7.1", "Layanan Surat Pindah", "Staf, Camat"]
    seen = b""
    for answer in answers:
        deadline = time.time() + 30
        while seen.count(b": ") < answers.index(answer) + 1 and time.time() < deadline:
            seen += os.read(main_fd, 1024)
        os.write(main_fd, (answer + "\n").encode())
    out, _ = process.communicate(timeout=60)
    os.close(main_fd)
    assert process.returncode == 0, seen.decode()
    assert b"Nama SOP" in seen and b"Pelaksana" in seen
    path = Path(tmp_path / out.strip())
    assert path == tmp_path / "content/pemerintah-kota-uji/kecamatan-barat/7.1-layanan-surat-pindah.yml"
    [loaded] = load_paths([tmp_path / "content"]).sops
    assert loaded.sop.actors == ["Staf", "Camat"] and loaded.sop.number == "7.1"


def test_new_refuses_a_page_address_another_sop_already_has(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "--no-input", "--organisasi", "Kota A", "--nama", "Layanan X", "--pelaksana", "Staf"]) == 0
    capsys.readouterr()
    args = ["new", "--no-input", "--organisasi", "Kota A", "--nama", "Layanan: X", "--pelaksana", "Staf",
            "-o", "content/kota-a/lain.yml"]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert err.startswith("content/kota-a/lain.yml:") and "content/kota-a/layanan-x.yml" in err
    assert not (tmp_path / "content/kota-a/lain.yml").exists()
