"""A copy of the project with unusual but valid SOPs added still passes the content checks.

This is what an office does: it takes this repository and adds its own SOPs, with other
governments, numbers without dots, no number at all, long actor names and many actors. The
suite's checks over content/ (test_content.py, test_offline.py) must hold on that copy, and the
tests of particular SOPs (test_seeds.py) must not notice it, because they use tests/portal.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from conftest import ROOT

IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "site", "__pycache__", ".pytest_cache", ".hypothesis", "artifacts", "node_modules", "*.egg-info", "build"
)

LONG = "Kepala Bidang Pendaftaran Penduduk dan Pencatatan Sipil"
EIGHT = [
    "Pemohon",
    "Petugas Pelayanan",
    "Kepala Seksi Identitas Penduduk",
    LONG,
    "Kepala Bidang Pelayanan Pencatatan Sipil dan Pemanfaatan Data",
    "Sekretaris Dinas",
    "Kepala Dinas Kependudukan dan Pencatatan Sipil",
    "Operator SIAK",
]


def yaml_list(items: list[str], indent: int = 2) -> str:
    return "\n".join(" " * indent + f"- {item}" for item in items)


def steps(actors: list[str], decision: bool = True) -> str:
    out = []
    for i, actor in enumerate(actors, 1):
        out.append(f"  - uraian: Langkah {i} oleh {actor}\n    pelaksana: {actor}\n    waktu: {i * 5} menit")
        if decision and i == 3:
            out[-1] += "\n    simbol: Keputusan\n    ya: 4\n    tidak: 2"
    return "\n".join(out)


UNUSUAL = {
    "pemerintah-kabupaten-sleman/disdukcapil/470-12-dkps-2026.yml": f"""\
nomor: 470/12/DKPS/2026
nama: Pelayanan Kartu Keluarga
organisasi:
  - Pemerintah Kabupaten Sleman
  - Dinas Kependudukan dan Pencatatan Sipil
tanggal_pembuatan: 29 Pebruari 2024
tanggal_pengesahan: 2 Jan 2026
keterkaitan:
  - SOP Pelayanan Akta Kelahiran
  - SOP Penyusunan Laporan Kinerja
pelaksana:
{yaml_list(EIGHT)}
langkah:
{steps(EIGHT)}
""",
    "pemerintah-kabupaten-sleman/disdukcapil/tanpa-nomor.yml": f"""\
nama: "Verifikasi Data: Perubahan Biodata"
organisasi: [Pemerintah Kabupaten Sleman, Dinas Kependudukan dan Pencatatan Sipil]
keterkaitan: [470/12/DKPS/2026]
pelaksana:
{yaml_list(EIGHT[:4])}
langkah:
{steps(EIGHT[:4])}
""",
    # as offices write them: Waktu in words, a range, Paling lambat, a shared step, no Keterkaitan
    "pemerintah-provinsi-contoh/dinas-perizinan/503-izin.yml": """\
nomor: "503/IZN-07/2025"
nama: "Pelayanan Izin [Reklame] (Insidentil)"
organisasi: [Pemerintah Provinsi Contoh, Dinas Perizinan, Bidang Pelayanan]
tanggal_pembuatan: 3 Maret 2025
tanggal_efektif: 1 April 2025
keterkaitan: "-"
pelaksana: [Pemohon, Petugas Loket, Kepala Seksi Perizinan Reklame dan Bangunan, Kepala Bidang Pelayanan]
langkah:
  - uraian: Mengajukan permohonan
    pelaksana: Pemohon
    waktu: Setiap saat
  - uraian: Memeriksa kelengkapan berkas
    pelaksana: Petugas Loket
    simbol: keputusan
    ya: 3
    tidak: 1
    waktu: Pada hari dan jam kerja
  - uraian: Memverifikasi dan memaraf draf izin
    pelaksana: [Kepala Seksi Perizinan Reklame dan Bangunan, Kepala Bidang Pelayanan]
    waktu: 1-2 hari
  - uraian: Menandatangani izin
    pelaksana: Kepala Bidang Pelayanan
    waktu: Paling lambat 17 hari kerja
  - uraian: Menerima izin
    pelaksana: Pemohon
    waktu: 1 x 24 jam
""",
    "provinsi-aceh/bpbd/b-01.yml": f"""\
nomor: BPBD-ACEH/B.01/2025
nama: Penyaluran Bantuan Logistik
organisasi: [Pemerintah Aceh, Badan Penanggulangan Bencana Aceh, Bidang Kedaruratan dan Logistik]
tanggal_pembuatan: 31 Desember 2025
pelaksana:
{yaml_list([LONG, "Staf"])}
langkah:
{steps([LONG, "Staf", LONG], decision=False)}
""",
}


def test_copy_with_unusual_sops_passes_the_content_checks(tmp_path):
    copy = tmp_path / "portal"
    shutil.copytree(ROOT, copy, ignore=IGNORE)
    for relative, text in UNUSUAL.items():
        path = copy / "content" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    checked = subprocess.run(
        [sys.executable, "-m", "sopbook.cli", "check", "content"], cwd=copy, capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x",
         "tests/test_content.py", "tests/test_offline.py", "tests/test_seeds.py"],
        cwd=copy,
        capture_output=True,
        text=True,
        env={**os.environ, "SOPBOOK_CONTENT_ROOT": str(copy)},
        timeout=900,
    )
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-3000:]
    assert " passed" in done.stdout and "skipped" not in done.stdout
