"""SOPs written for the tests of printed sheets (test_sheets*.py): a long SOP whose procedure
table takes several sheets, with a decision looping back over sheet breaks and a step shared
by two actors; a seed-sized SOP that fits on one sheet; an SOP with one step longer than a
sheet."""

from __future__ import annotations

ACTORS = ["Petugas Loket Pelayanan", "Kepala Seksi Verifikasi", "Kepala Bidang", "Sekretaris Dinas", "Kepala Dinas"]
LONG_STEPS = 34
SHARED_STEP = 12  # done by the first and the third actor together
DECISION = 22  # Ya -> 23, Tidak -> LOOP_TARGET (back over at least one sheet break)
LOOP_TARGET = 4


def step_text(number: int) -> str:
    """The step's Uraian: begins with "Langkah N" and ends with "selesaiN" (no hyphen: a line
    may break after one), so that a test can tell whether a row was printed whole on a sheet."""
    body = " ".join(["memeriksa kelengkapan berkas permohonan izin"] * (1 + number % 4))
    return f"Langkah {number} {body} selesai{number}"


def long_sop(number: str = "5.5.34") -> str:
    lines = [
        "organisasi: [Pemerintah Kota Lembar, Dinas Pelayanan Terpadu]",
        f'nomor: "{number}"',
        "nama: Pelayanan Izin Usaha dengan Pemeriksaan Berjenjang",
        "tanggal_pengesahan: 1 Maret 2025",
        f"pelaksana: [{', '.join(ACTORS)}]",
        "langkah:",
    ]
    for i in range(1, LONG_STEPS + 1):
        lines.append(f"  - uraian: {step_text(i)}")
        if i == SHARED_STEP:
            lines.append(f"    pelaksana: [{ACTORS[0]}, {ACTORS[2]}]")
        else:
            lines.append(f"    pelaksana: {ACTORS[(i * 7 // 3) % len(ACTORS)]}")
        if i == 1:
            lines.append("    simbol: mulai")
        if i == DECISION:
            lines += ["    simbol: keputusan", f"    ya: {DECISION + 1}", f"    tidak: {LOOP_TARGET}"]
        if i == LONG_STEPS:
            lines.append("    simbol: selesai")
        if i % 3 == 0:
            lines.append("    kelengkapan: [Formulir permohonan, Fotokopi KTP pemohon, Surat pengantar kelurahan]")
        else:
            lines.append("    kelengkapan: Formulir permohonan")
        lines.append("    waktu: 30 menit")
        lines.append("    output: Berkas diperiksa")
        if i % 5 == 0:
            lines.append(f"    keterangan: Catatan untuk langkah {i} yang perlu dibaca petugas")
    lines += ["penandatangan:", "  jabatan: Kepala Dinas Pelayanan Terpadu", "  nama: Sri Rahayu",
              "  nip: 19800202 200501 2 002"]
    return "\n".join(lines) + "\n"


SHORT_SOP = """\
organisasi: [Pemerintah Kota Lembar, Dinas Pelayanan Terpadu]
nomor: "5.5.3"
nama: Legalisir Dokumen
tanggal_pengesahan: 2 Maret 2025
pelaksana: [Petugas Loket, Kepala Seksi]
langkah:
  - uraian: Langkah 1 menerima permohonan legalisir selesai1
    pelaksana: Petugas Loket
    waktu: 5 menit
  - uraian: Langkah 2 memeriksa keaslian dokumen selesai2
    pelaksana: Kepala Seksi
    simbol: keputusan
    ya: 3
    tidak: 1
  - uraian: Langkah 3 menandatangani legalisir selesai3
    pelaksana: Kepala Seksi
    waktu: 5 menit
penandatangan:
  jabatan: Kepala Dinas
  nama: Andi Wijaya
"""

HUGE_STEP = 4


def huge_sop() -> str:
    """Eight steps; step HUGE_STEP's Uraian alone is longer than a sheet."""
    lines = [
        "organisasi: [Pemerintah Kota Lembar, Dinas Pelayanan Terpadu]",
        'nomor: "5.5.8"',
        "nama: Pemeriksaan Dokumen Panjang",
        "pelaksana: [Petugas, Kepala Seksi]",
        "langkah:",
    ]
    for i in range(1, 9):
        text = step_text(i)
        if i == HUGE_STEP:
            text = f"Langkah {i} " + " ".join(["meneliti setiap halaman dokumen dan mencatat temuannya"] * 90) + f" selesai{i}"
        lines += [f"  - uraian: {text}", f"    pelaksana: {'Petugas' if i % 2 else 'Kepala Seksi'}", "    waktu: 1 jam"]
    return "\n".join(lines) + "\n"
