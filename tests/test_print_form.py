"""The printed SOP as the signed original (issue 25), on A4 and F4: Ctrl+P of SOP pages in a
portal built here, read back as word boxes (`pdftotext -bbox`) and rendered to PNG
(tests/artifacts/form-*.png), never with coordinates tied to particular content:

* sheet 1 carries the organisation folder's logo, the header box and the identity table
  beside it (Disahkan oleh with the signer), then the section pairs;
* no section heading is the last thing on a sheet (its first item goes with it);
* every word of the actor names in the table header is printed whole, or broken at one of the
  soft hyphens placed at Indonesian syllable boundaries (never inside a syllable);
* the signature block in "Disahkan oleh": jabatan, the space to sign (or the line saying it
  was signed electronically), name, pangkat, NIP from top to bottom, printed once;
* no printed SOP uses more sheets than Chromium's own packing of the same page (the planned
  breaks switched off).
"""

from __future__ import annotations

import re
import struct
import subprocess
import zlib
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pytest

from browser import ARTIFACTS, SiteServer
from conftest import SmallSite
from sops import decision, sop_yaml, step
from sopbook.printing.hyphens import SHY, hyphenate
from sopbook.printing.paper import PAPERS

pytestmark = pytest.mark.usefixtures("chromium", "mkdocs")

MM = 72 / 25.4
FOOTER = 24 * MM  # the bottom margin holds the footer (printing/paper.py MARGINS)

ACTORS = [
    "Kepala Badan",
    "Sekretaris",
    "Kepala Sub Bagian Perencanaan dan Keuangan",
    "Staf Pelaksana",
    "Bagian Organisasi/Inspektorat",
]


def png(width: int = 60, height: int = 40) -> bytes:
    """A small solid PNG (the logo)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + b"\x20\x60\xa0" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def form_sop(number: str, steps: int, *, laws: int = 4, electronic: bool = False) -> str:
    """An SOP like the signed originals (the SOP factory, tests/sops.py): organisation lines,
    dates, six sections, `steps` steps over five actors (one decision), a signer."""
    langkah = []
    for n in range(1, steps + 1):
        fields = {"kelengkapan": ["Data kinerja", "Nota dinas"], "output": "Draf laporan kinerja"}
        text, actor = f"Menyiapkan dan memeriksa bahan laporan kinerja tahap {n} sesuai pedoman", ACTORS[(n - 1) % len(ACTORS)]
        if n == 3:
            langkah.append(decision(text, actor, ya=4, tidak=2, waktu="1 hari", **fields))
            continue
        symbol = "mulai" if n == 1 else "selesai" if n == steps else None
        langkah.append(step(text, actor, "1 hari", simbol=symbol, **fields))
    signer = {"jabatan": "Kepala Badan Kepegawaian Daerah", "nama": "Budi Santoso, S.H., M.Si.",
              "pangkat": "Pembina Utama Muda", "nip": "19700101 199003 1 001"}
    if electronic:
        signer["elektronik"] = True
    return sop_yaml(
        f"Penyusunan Laporan Kinerja Nomor {number}", number,
        organisasi=["Pemerintah Kota Cetak", "Badan Kepegawaian Daerah", "Sub Bagian Umum"],
        tanggal_pembuatan="2 Januari 2025", tanggal_pengesahan="15 Januari 2025",
        disahkan_oleh="Kepala Badan Kepegawaian Daerah",
        dasar_hukum=[f"Peraturan Daerah Kota Cetak Nomor {i} Tahun 2020 tentang Organisasi dan Tata Kerja "
                     "Perangkat Daerah serta Pedoman Penyusunan Standar Operasional Prosedur" for i in range(1, laws + 1)],
        kualifikasi_pelaksana=["Memahami aturan penyusunan laporan", "Mampu mengoperasikan komputer"],
        keterkaitan=["SOP Penyusunan Rencana Strategis"],
        peralatan_perlengkapan=["Komputer", "Printer", "ATK"],
        peringatan="Jika SOP tidak dilaksanakan maka laporan terlambat disampaikan",
        pencatatan_pendataan=["Arsip laporan kinerja"],
        pelaksana=ACTORS,
        langkah=langkah,
        penandatangan=signer,
    )


SOPS = {  # number -> (steps, laws, electronic)
    "7.1": (7, 3, False),
    "9.1": (9, 4, True),
    "11.1": (11, 10, False),
}


def config(paper: str) -> str:
    return f"""\
site_name: Portal Cetak
site_url: https://sop.contoh.go.id/
docs_dir: docs
theme:
  name: material
  custom_dir: overrides
  font: false
plugins:
  - search
  - sopbook:
      paper: {paper}
"""


def page_path(number: str) -> str:
    return f"sop/pemerintah-kota-cetak/badan-kepegawaian-daerah/sub-bagian-umum/{number}/"


@dataclass
class Word:
    text: str
    x0: float
    y0: float  # from the top of the page
    x1: float
    y1: float


@dataclass
class Sheet:
    width: float
    height: float
    words: list[Word]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    def find(self, text: str) -> list[Word]:
        return [w for w in self.words if w.text == text]

    def body(self) -> list[Word]:
        """Words above the footer."""
        return [w for w in self.words if w.y1 < self.height - FOOTER + 2]


def sheets_of(pdf: Path) -> list[Sheet]:
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    sheets = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S):
        words = [
            Word(unescape(m.group(5)), *(float(m.group(i)) for i in range(1, 5)))
            for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', page.group(3))
        ]
        sheets.append(Sheet(float(page.group(1)), float(page.group(2)), words))
    return sheets


def images_on(pdf: Path, page: int) -> int:
    out = subprocess.run(["pdfimages", "-list", "-f", str(page), "-l", str(page), str(pdf)],
                         capture_output=True, text=True, check=True).stdout
    return len([line for line in out.splitlines()[2:] if line.strip()])


@pytest.fixture(scope="module", params=["a4", "f4"])
def printed(request, tmp_path_factory, browser):
    """paper, {number: (pdf, pdf with the planned breaks switched off)}."""
    paper = request.param
    root = tmp_path_factory.mktemp(f"form-{paper}") / "project"
    site = SmallSite(root, config(paper))
    for number, (steps, laws, electronic) in SOPS.items():
        site.add(f"kota/badan/umum/{number}.yml", form_sop(number, steps, laws=laws, electronic=electronic))
    (root / "content/kota/_organisasi.yml").write_text("logo: lambang.png\nlogo_alt: Lambang Kota Cetak\n")
    (root / "content/kota/lambang.png").write_bytes(png())
    done = site.build()
    assert done.returncode == 0, done.stdout + done.stderr
    server = SiteServer(site.site)
    result = {}
    try:
        for number in SOPS:
            pdf = root / f"{number}.pdf"
            pdf.write_bytes(browser.print_url(server.url + page_path(number)))
            page = browser.new_page()
            try:  # Chromium's own packing: the same page without the planned breaks
                page.goto(server.url + page_path(number))
                page.eval("""(() => { const s = document.createElement('style');
                  s.textContent = '@media print { .md-typeset .sop-procedure tr[data-print] { break-after: auto !important; } }';
                  document.head.append(s); return 1; })()""")
                own = root / f"{number}-own.pdf"
                own.write_bytes(page.print_pdf())
            finally:
                page.close()
            result[number] = (pdf, own)
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(ARTIFACTS / f"form-{paper}-{number}")], check=True)
    finally:
        server.close()
    return paper, result


def test_sheet_one_is_the_form_header_with_logo_and_identity_beside_it(printed):
    paper, pdfs = printed
    for number, (pdf, _) in pdfs.items():
        first = sheets_of(pdf)[0]
        assert (first.width, first.height) == pytest.approx(PAPERS[paper].points, abs=1)
        assert images_on(pdf, 1) >= 1, f"{number}: no logo on sheet 1"
        kind = first.find("STANDAR")
        label = first.find("Nomor")
        assert kind and label, first.text[:200]
        # the identity table beside the header box, both above the sections
        assert label[0].x0 > kind[0].x1 and label[0].x0 > first.width * 0.4
        dasar = first.find("Dasar")[0]
        assert kind[0].y1 < dasar.y0 and label[0].y1 < dasar.y0
        # Disahkan oleh with the signer's name and NIP, in the identity table
        budi = [w for w in first.find("Budi") if w.y0 < dasar.y0]
        assert budi and budi[0].x0 > first.width * 0.4
        assert "19700101" in first.text


def test_no_section_heading_is_alone_at_a_sheet_foot(printed):
    _, pdfs = printed
    headings = [("Dasar", "Hukum"), ("Keterkaitan",), ("Peringatan",)]
    for number, (pdf, _) in pdfs.items():
        for index, sheet in enumerate(sheets_of(pdf)):
            body = sheet.body()
            for heading in headings:
                for word in sheet.find(heading[0]):
                    below = [w for w in body if w.y0 > word.y1 + 1]
                    assert below, f"{number}, sheet {index + 1}: {' '.join(heading)} alone at its foot"


def _pieces(word: str) -> set[str]:
    """How a word may print: whole, or split at one of its soft hyphens."""
    parts = hyphenate(word).split(SHY)
    found = {word}
    for cut in range(1, len(parts)):
        found.add("".join(parts[:cut]) + "-")
        found.add("".join(parts[cut:]))
    return found


def test_every_header_word_is_printed_whole_or_at_a_syllable(printed):
    _, pdfs = printed
    names = {piece for actor in ACTORS for word in re.split(r"\s+|(?<=/)", actor) if word for piece in _pieces(word)}
    for number, (pdf, _) in pdfs.items():
        for index, sheet in enumerate(sheets_of(pdf)):
            heads = sheet.find("Kelengkapan")
            if not heads or "Pelaksana" not in sheet.text:
                continue
            top, bottom = sheet.find("Pelaksana")[0].y0, max(w.y1 for w in heads) + 40
            printed_words = [w.text.replace("\u00ad", "").replace("\u200b", "").replace("\u2010", "-")
                             for w in sheet.words if top <= w.y0 <= bottom]
            for actor in ACTORS:
                for word in re.split(r"\s+|(?<=/)", actor):
                    if not word:
                        continue
                    ok = word in printed_words or any(
                        p.endswith("-") and p in printed_words for p in _pieces(word))
                    assert ok, f"{number}, sheet {index + 1}: {word!r} not whole: {printed_words}"
            fragments = [t for t in printed_words if t not in names and t not in
                         ("No", "Uraian", "Prosedur", "Pelaksana", "Mutu", "Baku", "Kelengkapan", "Waktu", "Output", "Keterangan")
                         and re.fullmatch(r"[A-Za-z/-]{2,}", t) and t[0].isalpha()]  # (not a pentagon's label)
            header_only = [t for t in fragments if any(t.rstrip("-").lower() in a.lower() for a in ACTORS)]
            assert not header_only, f"{number}, sheet {index + 1}: broken words {header_only}"


def test_the_signature_block_as_on_the_form(printed):
    """In "Disahkan oleh" on sheet 1, as on the form: jabatan, the space to sign (or the line
    saying it was signed electronically), name, pangkat, NIP; printed once."""
    _, pdfs = printed
    for number, (pdf, _) in pdfs.items():
        sheets = sheets_of(pdf)
        first = sheets[0]
        dasar = first.find("Dasar")[0]
        label = first.find("Disahkan")[0]
        cell = [w for w in first.words if w.x0 > label.x1 and label.y0 - 2 <= w.y0 < dasar.y0]
        text = " ".join(w.text for w in cell)
        jabatan = next(w for w in cell if w.text == "Kepala")
        name, rank, nip = (next(w for w in cell if w.text == t) for t in ("Budi", "Pembina", "NIP."))
        assert jabatan.y0 < name.y0 < rank.y0 < nip.y0
        if SOPS[number][2]:
            assert "Ditandatangani secara elektronik" in text
        else:
            assert name.y0 - jabatan.y1 > 10 * MM, "no space to sign"  # 14 mm on paper
            assert "elektronik" not in text
        assert sum(s.text.count("Pembina Utama Muda") for s in sheets) == 1


def test_no_more_sheets_than_chromiums_own_packing(printed):
    paper, pdfs = printed
    counts = {}
    for number, (pdf, own) in pdfs.items():
        ours, theirs = len(sheets_of(pdf)), len(sheets_of(own))
        counts[number] = (ours, theirs)
        assert ours <= theirs, f"{paper} {number}: {ours} sheets, Chromium's own packing {theirs}"
    print(paper, counts)
