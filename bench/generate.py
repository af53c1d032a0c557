"""Synthetic but realistic SOP portals for the benchmark: N SOPs as YAML (for sopbook) and the
same SOPs as plain Markdown pages (the baseline: same text, same tables, same Mermaid source)."""

from __future__ import annotations

import random
import textwrap
from pathlib import Path

import yaml

from sopbook.portal.catalogue import Catalogue
from sopbook.portal.addresses import slugify
from sopbook.sop.loading import load_paths
from sopbook.drawing.swimlane import swimlane_source

VERBS = ["Menerima", "Meneliti", "Memeriksa", "Menyusun", "Mengoreksi", "Menandatangani", "Mengagendakan",
         "Mengarsipkan", "Menyampaikan", "Menghimpun", "Memverifikasi", "Mendisposisikan", "Mengolah"]
OBJECTS = ["surat masuk", "laporan kinerja", "draf surat pengantar", "data realisasi anggaran",
           "nota dinas", "berkas permohonan", "rencana kerja", "dokumen pendukung", "daftar hadir",
           "notulen rapat", "bahan penyusunan laporan", "usulan kegiatan"]
TAILS = ["dan menyampaikan kepada atasan", "sesuai ketentuan yang berlaku", "untuk ditindaklanjuti",
         "beserta lampirannya", "dan mencatat dalam buku agenda", "serta memberikan paraf"]
ACTORS = ["Kepala Dinas", "Sekretaris", "Kepala Bidang", "Kasubag Umum", "Kasubag Keuangan",
          "Kepala Seksi", "JFU", "Staf Pelaksana", "Bendahara", "Tim Kerja"]
LAWS = ["Undang-Undang Nomor {n} Tahun {y} tentang Pemerintahan Daerah",
        "Peraturan Pemerintah Nomor {n} Tahun {y} tentang Perangkat Daerah",
        "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor {n} Tahun {y} tentang Pedoman Penyusunan SOP",
        "Peraturan Daerah Nomor {n} Tahun {y} tentang Pembentukan dan Susunan Perangkat Daerah",
        "Peraturan Wali Kota Nomor {n} Tahun {y} tentang Kedudukan, Susunan Organisasi, Tugas dan Fungsi"]
TOPICS = ["Penyusunan Laporan Kinerja", "Administrasi Surat Masuk", "Administrasi Surat Keluar",
          "Penyimpanan Arsip", "Penyusunan Rencana Kerja", "Pengelolaan Barang Milik Daerah",
          "Pelayanan Informasi Publik", "Penyusunan Anggaran", "Pengadaan Barang", "Rapat Koordinasi",
          "Pembinaan Pegawai", "Penilaian Kinerja Pegawai", "Pengaduan Masyarakat", "Perjalanan Dinas"]
UNITS = ["Sekretariat", "Bidang Perencanaan", "Bidang Pelayanan", "Bidang Pengawasan", "UPT Layanan"]
WAKTU = ["5 menit", "10 menit", "15 menit", "30 menit", "1 jam", "2 jam", "1 hari", "2 hari", "1 minggu"]


def make_sops(n: int, seed: int = 35) -> list[dict]:
    """N SOP documents in units of ~10 SOPs: Pemerintah › Perangkat Daerah › Unit."""
    rng = random.Random(seed)
    sops: list[dict] = []
    units_total = max(1, n // 10)
    titles = [f"{rng.choice(TOPICS)} {i + 1}" for i in range(n)]
    for i in range(n):
        unit_index = i % units_total
        gov = f"Pemerintah Kabupaten {['Maju', 'Sejahtera', 'Makmur', 'Lestari', 'Damai'][unit_index % 5]} {unit_index // 250 + 1}"
        opd = f"Dinas {unit_index // len(UNITS) % 50 + 1:02d}"
        unit = UNITS[unit_index % len(UNITS)]
        actors = rng.sample(ACTORS, rng.randint(3, 8))
        count = rng.randint(5, 15)
        steps = []
        for s in range(count):
            step = {
                "uraian": f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}",
                "pelaksana": actors[s % len(actors)] if s else actors[0],
                "kelengkapan": [rng.choice(OBJECTS) for _ in range(rng.randint(1, 3))],
                "waktu": rng.choice(WAKTU),
                "output": rng.choice(OBJECTS),
            }
            if s == 0:
                step["simbol"] = "mulai"
            elif s == count - 1:
                step["simbol"] = "selesai"
            elif s > 1 and rng.random() < 0.15:
                step.update(simbol="keputusan", ya=s + 2, tidak=s)
            if rng.random() < 0.1:
                step["keterangan"] = f"SOP {titles[(i + units_total) % n]}"
            steps.append(step)
        sops.append(
            {
                "organisasi": [gov, opd, unit],
                "nomor": f"{unit_index % 90 + 1}.{unit_index // 90 % 90 + 1}.{i // units_total + 1}.{i % 7 + 1}",
                "nama": titles[i],
                "tanggal_pembuatan": f"{rng.randint(1, 28)} Januari {rng.randint(2015, 2025)}",
                "tanggal_revisi": "-",
                "tanggal_pengesahan": f"Februari {rng.randint(2015, 2025)}",
                "disahkan_oleh": f"Kepala {opd}",
                "dasar_hukum": [rng.choice(LAWS).format(n=rng.randint(1, 99), y=rng.randint(1999, 2024)) for _ in range(rng.randint(3, 10))],
                "kualifikasi_pelaksana": ["Memahami tata naskah dinas", "Mampu mengoperasikan komputer"],
                # related SOPs of the same unit (every units_total-th SOP shares it), and now
                # and then one that the portal does not have yet
                "keterkaitan": [f"SOP {titles[(i + k * units_total) % n]}" for k in range(1, rng.randint(2, 3))]
                + ([f"SOP Belum Ada {rng.randint(1, 20)}"] if rng.random() < 0.1 else []),
                "peralatan_perlengkapan": ["ATK", "Komputer", "Printer"],
                "peringatan": "Apabila SOP ini tidak dilaksanakan, pelaksanaan kegiatan terhambat",
                "pencatatan_pendataan": "Disimpan sebagai arsip elektronik dan manual",
                "pelaksana": actors,
                "langkah": steps,
                "penandatangan": {"jabatan": f"Kepala {opd}", "nama": "NAMA PEJABAT, S.Sos", "pangkat": "Pembina", "nip": "19700101 199001 1 001"},
            }
        )
    return sops


def write_sopbook_project(root: Path, sops: list[dict], *, swimlane: str = "show", pagefind: bool = False) -> None:
    """A sopbook portal of `sops`. With `pagefind`, Pagefind replaces Material's search plugin
    (as the README advises for large portals): Material would still download its whole index."""
    content = root / "content"
    for i, sop in enumerate(sops):
        folder = content.joinpath(*(slugify(o) for o in sop["organisasi"]))
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"sop-{i:05d}.yml").write_text(yaml.safe_dump(sop, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "index.md").write_text("# Beranda\n")
    (root / "mkdocs.yml").write_text(
        textwrap.dedent(
            f"""\
            site_name: Bench
            docs_dir: docs
            theme:
              name: material
              font: false
              features: [navigation.prune, navigation.indexes]
            plugins:
              {"" if pagefind else "- search"}
              - sopbook:
                  swimlane: {swimlane}
                  pagefind: {str(pagefind).lower()}
            """
        )
    )


def write_baseline_project(root: Path, sopbook_root: Path) -> None:
    """The same SOPs as hand-written Markdown: identity, sections, procedure table, Mermaid."""
    result = load_paths([sopbook_root / "content"])
    assert not result.problems, result.problems[:3]
    catalogue = Catalogue(result.sops)
    docs = root / "docs"
    for entry in catalogue:
        sop = entry.sop
        path = docs / (entry.path.rstrip("/") + ".md")
        path.parent.mkdir(parents=True, exist_ok=True)
        out = [f"# {sop.title}", "", " \\\n".join(f"**{o.upper()}**" for o in sop.organisation), ""]
        out += ["| | |", "|---|---|"]
        for label, value in [("Nomor SOP", sop.number), ("Tanggal Pembuatan", sop.created), ("Tanggal Revisi", sop.revised),
                             ("Tanggal Pengesahan", sop.approved), ("Disahkan oleh", sop.approved_by), ("Nama SOP", sop.title)]:
            out.append(f"| {label} | {value or '-'} |")
        out.append("")
        for label, items in [("Dasar Hukum", sop.legal_basis), ("Kualifikasi Pelaksana", sop.qualifications),
                             ("Keterkaitan", sop.related), ("Peralatan/Perlengkapan", sop.equipment),
                             ("Peringatan", sop.warnings), ("Pencatatan dan Pendataan", sop.records)]:
            out += [f"## {label}", ""] + [f"{n}. {item}" for n, item in enumerate(items, 1)] + [""]
        out += ["## Prosedur", ""]
        header = ["No", "Uraian Prosedur", *sop.actors, "Kelengkapan", "Waktu", "Output", "Keterangan"]
        out.append("| " + " | ".join(header) + " |")
        out.append("|" + "---|" * len(header))
        for n, step in enumerate(sop.steps, 1):
            marks = [sop.symbol_of(n - 1).value if a == step.actor else "" for a in sop.actors]
            cells = [str(n), step.description, *marks, "; ".join(step.requirements), step.time or "",
                     "; ".join(step.output), "; ".join(step.remarks)]
            out.append("| " + " | ".join(cells) + " |")
        if sop.total_time:
            out.append("| | **TOTAL WAKTU PENYELESAIAN** |" + " |" * len(sop.actors) + f" | {sop.total_time.format()} | | |")
        out += ["", "```mermaid", swimlane_source(sop), "```", ""]
        if sop.signature:
            out += [f"**{sop.signature.position}**", "", sop.signature.name or "", "", f"NIP. {sop.signature.nip}", ""]
        path.write_text("\n".join(out), encoding="utf-8")
    (docs / "index.md").write_text("# Beranda\n")
    (root / "mkdocs.yml").write_text(
        textwrap.dedent(
            """\
            site_name: Bench baseline
            docs_dir: docs
            theme:
              name: material
              font: false
              features: [navigation.prune, navigation.indexes]
            plugins:
              - search
            markdown_extensions:
              - tables
              - pymdownx.superfences:
                  custom_fences:
                    - name: mermaid
                      class: mermaid
                      format: !!python/name:pymdownx.superfences.fence_code_format
            """
        )
    )
