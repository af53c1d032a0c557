"""`sopbook check` tells a file whose editor modeline points nowhere the line it needs."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT
from sops import sop_yaml, step

GOOD = sop_yaml("Contoh", None, organisasi=None, tanggal_pengesahan=None, langkah=[step("Menandatangani", "Lurah")])


def check(cwd):
    return subprocess.run([sys.executable, "-m", "sopbook.cli", "check"], cwd=cwd, capture_output=True, text=True)


def test_wrong_depth_gets_the_right_modeline_and_is_not_a_problem(tmp_path):
    (tmp_path / "sop.schema.json").write_text((ROOT / "sop.schema.json").read_text())
    folder = tmp_path / "content" / "pemerintah-kota-uji" / "dinas-uji"
    folder.mkdir(parents=True)
    (folder / "a.yml").write_text("# yaml-language-server: $schema=../../../../sop.schema.json\n" + GOOD)
    (folder / "b.yml").write_text("# yaml-language-server: $schema=../../../sop.schema.json\n" + GOOD.replace("Contoh", "Lain"))
    (folder / "c.yml").write_text(GOOD.replace("Contoh", "Tanpa modeline"))
    done = check(tmp_path)
    assert done.returncode == 0
    assert done.stdout.splitlines() == [
        "content/pemerintah-kota-uji/dinas-uji/a.yml:1:1: catatan: modeline tidak menemukan sop.schema.json, "
        "jadi editor tidak memeriksa berkas ini; tulis baris ini: "
        "# yaml-language-server: $schema=../../../sop.schema.json",
        "3 SOP valid",
    ]



def test_a_nul_byte_in_the_modeline_is_reported_not_a_traceback(tmp_path):
    (tmp_path / "sop.schema.json").write_text((ROOT / "sop.schema.json").read_text())
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "a.yml").write_bytes(b"# yaml-language-server: $schema=../sop\x00.schema.json\n" + GOOD.encode())
    done = check(tmp_path)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 1
    assert "content/a.yml:1:" in done.stdout and "NUL" in done.stdout  # the file is refused, with its line
    assert "$schema=../sop.schema.json" in done.stdout  # and told the modeline it needs
