"""A copy of the project with unusual but valid SOPs added still passes the content checks.

This is what an office does: it takes this repository and adds its own SOPs, with other
governments, numbers without dots, no number at all, long actor names and many actors. The
suite's checks over content/ (test_content.py, test_offline.py) must hold on that copy, and the
tests of particular SOPs (test_seeds.py) must not notice it, because they use tests/portal.
The added SOPs' numbers and titles carry a word no SOP of the copied content/ holds, so the test
holds whatever SOPs content/ already has.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from itertools import count
from pathlib import Path

from conftest import ROOT
from sops import decision, sop_yaml, step, write_sop

from sopbook.portal.addresses import slugify
from sopbook.portal.catalogue import Catalogue
from sopbook.sop.loading import load_paths

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


def steps(actors: list[str], decision: bool = True) -> list[dict]:
    out = []
    for i, actor in enumerate(actors, 1):
        if decision and i == 3:
            out.append(step(f"Langkah {i} oleh {actor}", actor, f"{i * 5} menit", simbol="Keputusan", ya=4, tidak=2))
        else:
            out.append(step(f"Langkah {i} oleh {actor}", actor, f"{i * 5} menit"))
    return out


def free_tag(content: Path) -> str:
    """A word no number, title or address in `content` holds: the added SOPs carry it in their
    numbers and titles, so they clash with no SOP an office already has."""
    loaded = load_paths([content]).sops
    taken = [text.casefold() for one in loaded for text in (one.sop.number or "", one.sop.title)]
    taken += [slugify(text, keep_dots=True) for text in taken]
    return next(tag for tag in (f"ZQX{k}" for k in count(1)) if not any(tag.casefold() in text for text in taken))


def unusual(tag: str) -> dict[str, str]:
    """The SOPs an office adds (numbers and titles carry `tag`)."""
    kk = f"470/12/DKPS/{tag}"
    return {
        "pemerintah-kabupaten-sleman/disdukcapil/470-12-dkps-2026.yml": sop_yaml(
            f"Pelayanan Kartu Keluarga {tag}",
            kk,
            organisasi=["Pemerintah Kabupaten Sleman", "Dinas Kependudukan dan Pencatatan Sipil"],
            tanggal_pembuatan="29 Pebruari 2024",
            tanggal_pengesahan="2 Jan 2026",
            keterkaitan=[f"SOP Pelayanan Akta Kelahiran {tag}", f"SOP Penyusunan Laporan Kinerja {tag}"],
            pelaksana=EIGHT,
            langkah=steps(EIGHT),
        ),
        "pemerintah-kabupaten-sleman/disdukcapil/tanpa-nomor.yml": sop_yaml(
            f"Verifikasi Data: Perubahan Biodata {tag}",
            None,
            organisasi=["Pemerintah Kabupaten Sleman", "Dinas Kependudukan dan Pencatatan Sipil"],
            tanggal_pengesahan=None,
            keterkaitan=[kk],
            pelaksana=EIGHT[:4],
            langkah=steps(EIGHT[:4]),
        ),
        # as offices write them: Waktu in words, a range, Paling lambat, a shared step, no Keterkaitan
        "pemerintah-provinsi-contoh/dinas-perizinan/503-izin.yml": sop_yaml(
            f"Pelayanan Izin [Reklame] (Insidentil) {tag}",
            f"503/IZN-07/{tag}",
            organisasi=["Pemerintah Provinsi Contoh", "Dinas Perizinan", "Bidang Pelayanan"],
            tanggal_pengesahan=None,
            tanggal_pembuatan="3 Maret 2025",
            tanggal_efektif="1 April 2025",
            keterkaitan="-",
            pelaksana=["Pemohon", "Petugas Loket", "Kepala Seksi Perizinan Reklame dan Bangunan", "Kepala Bidang Pelayanan"],
            langkah=[
                step("Mengajukan permohonan", "Pemohon", "Setiap saat"),
                decision("Memeriksa kelengkapan berkas", "Petugas Loket", ya=3, tidak=1, waktu="Pada hari dan jam kerja"),
                step("Memverifikasi dan memaraf draf izin", ["Kepala Seksi Perizinan Reklame dan Bangunan", "Kepala Bidang Pelayanan"], "1-2 hari"),
                step("Menandatangani izin", "Kepala Bidang Pelayanan", "Paling lambat 17 hari kerja"),
                step("Menerima izin", "Pemohon", "1 x 24 jam"),
            ],
        ),
        "provinsi-aceh/bpbd/b-01.yml": sop_yaml(
            f"Penyaluran Bantuan Logistik {tag}",
            f"BPBD-ACEH/B.01/{tag}",
            organisasi=["Pemerintah Aceh", "Badan Penanggulangan Bencana Aceh", "Bidang Kedaruratan dan Logistik"],
            tanggal_pengesahan=None,
            tanggal_pembuatan="31 Desember 2025",
            pelaksana=[LONG, "Staf"],
            langkah=steps([LONG, "Staf", LONG], decision=False),
        ),
    }


def test_the_added_sops_clash_with_no_sop_the_portal_already_has(tmp_path):
    """A portal that already holds what the first tag would add (the same numbers, titles and
    units): the added SOPs take the next tag and load without a clash."""
    content = tmp_path / "content"
    for relative, text in unusual("ZQX1").items():
        (content / "ada" / relative).parent.mkdir(parents=True, exist_ok=True)
        (content / "ada" / relative).write_text(text, encoding="utf-8")
    tag = free_tag(content)
    assert tag == "ZQX2"
    for relative, text in unusual(tag).items():
        (content / relative).parent.mkdir(parents=True, exist_ok=True)
        (content / relative).write_text(text, encoding="utf-8")
    loaded = load_paths([content])
    assert loaded.problems == []
    assert Catalogue(loaded.sops).problems == []


def test_copy_with_unusual_sops_passes_the_content_checks(tmp_path, mkdocs, chromium, slow):
    copy = tmp_path / "portal"
    shutil.copytree(ROOT, copy, ignore=IGNORE)
    for relative, text in unusual(free_tag(copy / "content")).items():
        path = copy / "content" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
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
