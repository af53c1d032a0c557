"""SOPs written for the tests of printed sheets (test_sheets*.py): a long SOP whose procedure
table takes several sheets, with a decision looping back over sheet breaks and a step shared
by two actors; a seed-sized SOP that fits on one sheet; an SOP with one step longer than a
sheet."""

from __future__ import annotations

from sops import decision, sop_yaml, step

ORGANISASI = ["Pemerintah Kota Lembar", "Dinas Pelayanan Terpadu"]

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
    steps = []
    for i in range(1, LONG_STEPS + 1):
        actors = [ACTORS[0], ACTORS[2]] if i == SHARED_STEP else ACTORS[(i * 7 // 3) % len(ACTORS)]
        more: dict = {}
        if i == 1:
            more["simbol"] = "mulai"
        if i == DECISION:
            more.update(simbol="keputusan", ya=DECISION + 1, tidak=LOOP_TARGET)
        if i == LONG_STEPS:
            more["simbol"] = "selesai"
        more["kelengkapan"] = (
            ["Formulir permohonan", "Fotokopi KTP pemohon", "Surat pengantar kelurahan"] if i % 3 == 0 else "Formulir permohonan"
        )
        more["waktu"] = "30 menit"
        more["output"] = "Berkas diperiksa"
        if i % 5 == 0:
            more["keterangan"] = f"Catatan untuk langkah {i} yang perlu dibaca petugas"
        steps.append(step(step_text(i), actors, **more))
    return sop_yaml(
        "Pelayanan Izin Usaha dengan Pemeriksaan Berjenjang",
        number,
        organisasi=ORGANISASI,
        tanggal_pengesahan="1 Maret 2025",
        pelaksana=ACTORS,
        langkah=steps,
        penandatangan={"jabatan": "Kepala Dinas Pelayanan Terpadu", "nama": "Sri Rahayu", "nip": "19800202 200501 2 002"},
    )


SHORT_SOP = sop_yaml(
    "Legalisir Dokumen",
    "5.5.3",
    organisasi=ORGANISASI,
    tanggal_pengesahan="2 Maret 2025",
    pelaksana=["Petugas Loket", "Kepala Seksi"],
    langkah=[
        step("Langkah 1 menerima permohonan legalisir selesai1", "Petugas Loket", "5 menit"),
        decision("Langkah 2 memeriksa keaslian dokumen selesai2", "Kepala Seksi", ya=3, tidak=1),
        step("Langkah 3 menandatangani legalisir selesai3", "Kepala Seksi", "5 menit"),
    ],
    penandatangan={"jabatan": "Kepala Dinas", "nama": "Andi Wijaya"},
)
HUGE_STEP = 4


def huge_sop() -> str:
    """Eight steps; step HUGE_STEP's Uraian alone is longer than a sheet, even at the smallest
    print size (`sheets.SCALES`)."""
    steps = []
    for i in range(1, 9):
        text = step_text(i)
        if i == HUGE_STEP:
            text = f"Langkah {i} " + " ".join(["meneliti setiap halaman dokumen dan mencatat temuannya"] * 200) + f" selesai{i}"
        steps.append(step(text, "Petugas" if i % 2 else "Kepala Seksi", "1 jam"))
    return sop_yaml(
        "Pemeriksaan Dokumen Panjang", "5.5.8", organisasi=ORGANISASI, tanggal_pengesahan=None,
        pelaksana=["Petugas", "Kepala Seksi"], langkah=steps,
    )
