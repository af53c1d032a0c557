"""SOP files in every state of monitoring and review, for the lifecycle tests (issue 26).

Dates are fixed: the tests judge them on TODAY (passed as the build date), never on the clock.
"""

from __future__ import annotations

from datetime import date

from sops import sop_yaml, step

TODAY = date(2026, 12, 4)
"""The build date every lifecycle test uses."""

EVALUATION = """\
evaluasi:
  - tanggal: {tanggal}
    penilai: Tim Evaluasi SOP
    kriteria:
      mendorong_kinerja: ya
      mudah_dipahami: ya
      mudah_dilaksanakan: {{nilai: tidak, catatan: Formulir terlalu panjang}}
      menjalankan_peran: ya
      mengatasi_masalah: ya
      menjawab_kebutuhan: ya
      sinergi: ya
    kesimpulan: SOP tetap dipakai
"""

MONITORING = """\
monitoring:
  - tanggal: {tanggal}
    penilai: Kepala Seksi Pelayanan
    penilaian: {penilaian}
    catatan: Antrean panjang hari Senin
    tindakan: Tambah petugas
"""


def sop(nomor: str, nama: str, extra: str = "", unit: str = "Dinas Uji") -> str:
    """A two-step SOP of the factory (`tests/sops.py`) with `extra` YAML (dates, records) before
    its pelaksana."""
    text = sop_yaml(
        nama, nomor, organisasi=["Pemerintah Kota Uji", unit], tanggal_pengesahan=None,
        langkah=[step("Menerima berkas", "Staf"), step("Menandatangani surat", "Kepala Seksi")],
    )
    head, tail = text.split("\npelaksana:", 1)
    return head + "\n" + extra + "pelaksana:" + tail


def monitoring(tanggal: str, penilaian: str = "berjalan dengan baik") -> str:
    return MONITORING.format(tanggal=tanggal, penilaian=penilaian)


def evaluation(tanggal: str) -> str:
    return EVALUATION.format(tanggal=tanggal)


def fresh(nomor: str = "1.1", nama: str = "Layanan Segar", unit: str = "Dinas Uji") -> str:
    """Approved, revised (versi 2), monitored two months and evaluated eleven months before TODAY."""
    extra = (
        "tanggal_pengesahan: 7 Juli 2024\n"
        "riwayat:\n  - tanggal: 3 Maret 2025\n    versi: \"2\"\n    uraian: Waktu pemeriksaan menjadi 2 jam\n"
        + monitoring("1 Oktober 2026")
        + evaluation("10 Januari 2026")
    )
    return sop(nomor, nama, extra, unit)


def monitoring_overdue(nomor: str = "1.2", nama: str = "Layanan Belum Dimonitor") -> str:
    """Evaluated in time, last monitored more than six months before TODAY."""
    extra = "tanggal_pengesahan: 7 Juli 2024\n" + monitoring("2 Mei 2026") + evaluation("10 Januari 2026")
    return sop(nomor, nama, extra)


def review_overdue(nomor: str = "1.3", nama: str = "Layanan Perlu Dikaji") -> str:
    """Monitored in time, last evaluated more than a year before TODAY."""
    extra = "tanggal_pengesahan: 7 Juli 2024\n" + monitoring("1 Oktober 2026") + evaluation("5 Agustus 2025")
    return sop(nomor, nama, extra)
