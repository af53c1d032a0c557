"""Real signed SOPs printed from the portal take no more sheets than their signed originals.

The four SOPs of tests/signed/ are hand transcriptions of signed originals (5 to 11 steps,
decisions, long Dasar Hukum lists), each signed on 2 sheets, with the header box, the
identity table and all three section pairs on sheet 1. A portal of them is built here and
each page printed by Chromium (Ctrl+P) on A4 and on F4; the PDFs are read back as text:

* no more sheets than the signed original;
* sheet 1 holds what the original's sheet 1 holds: the logo (taken from a signed original by
  `importing/logo.py`), organisation lines, "STANDAR OPERASIONAL PROSEDUR", the identity
  table and the three section pairs with their first items;
* every step is printed, with its text, and the table's text is never smaller than 6 pt (the
  smallest print size, `sheets.SCALES`, which an SOP shrinks to only to save a sheet).

PNG renderings go to tests/artifacts/signed-*.png.
"""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from browser import ARTIFACTS, SiteServer
from conftest import SmallSite
from sopbook.importing.logo import logo_of
from sopbook.printing.sheets import SCALES

pytestmark = pytest.mark.usefixtures("chromium", "mkdocs")

SIGNED = Path(__file__).parent / "signed"
SIGNED_PDF = Path(__file__).parent / "fixtures" / "import" / "bps-342-konsultasi-statistik.pdf"
SIGNED_SHEETS = {  # file -> sheets of the signed original (tests/signed/README.md)
    "naskah-dinas-022.yml": 2,
    "konsultasi-statistik-342.yml": 2,
    "persiapan-spak-080.yml": 2,
    "joss-327.yml": 2,
}
SECTIONS = ("Dasar Hukum", "Kualifikasi Pelaksana", "Keterkaitan", "Peralatan/Perlengkapan",
            "Peringatan", "Pencatatan dan Pendataan")


def config(paper: str) -> str:
    return f"""\
site_name: Portal SOP BPS
site_url: https://sop.contoh.go.id/
docs_dir: docs
theme:
  name: material
  font: false
plugins:
  - search
  - sopbook:
      paper: {paper}
"""


def flat(text: str) -> str:
    """Text as words, soft hyphens and line-end hyphens of the PDF's text layer taken out."""
    text = text.replace("\u00ad", "").replace("-\n", "")
    return " ".join(text.split())


def sizes(page) -> list[float]:
    """Font size in points of every text run on a PDF page."""
    found: list[float] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            scale = (abs(cm[0] * tm[0] + cm[2] * tm[1]) ** 2 + abs(cm[1] * tm[0] + cm[3] * tm[1]) ** 2) ** 0.5
            found.append(size * scale)

    page.extract_text(visitor_text=visit)
    return found


@pytest.fixture(scope="module", params=["a4", "f4"])
def printed(request, tmp_path_factory, browser) -> tuple[str, dict[str, PdfReader], dict[str, int]]:
    paper = request.param
    root = tmp_path_factory.mktemp(f"signed-{paper}") / "project"
    site = SmallSite(root, config(paper))
    for name in SIGNED_SHEETS:
        site.add(f"bps/{name}", (SIGNED / name).read_text(encoding="utf-8"))
    # the logo of the signed originals, as `sopbook import` takes it from their header box
    logo = logo_of(SIGNED_PDF)
    assert logo is not None
    (root / f"content/bps/logo{logo.suffix}").write_bytes(logo.data)
    (root / "content/bps/_organisasi.yml").write_text(f"logo: logo{logo.suffix}\nlogo_alt: Logo BPS\n")
    done = site.build()
    assert done.returncode == 0, done.stdout + done.stderr
    pages = {}
    for name in SIGNED_SHEETS:
        number = yaml.safe_load((SIGNED / name).read_text(encoding="utf-8"))["nomor"]
        found = [p for p in site.site.glob("sop/**/index.html") if f'data-sop-number="{number}"' in p.read_text()]
        assert len(found) == 1, number
        pages[name] = found[0].parent.relative_to(site.site).as_posix() + "/"
    server = SiteServer(site.site)
    result: dict[str, PdfReader] = {}
    images: dict[str, int] = {}  # pictures on sheet 1
    try:
        for name, path in pages.items():
            data = browser.print_url(server.url + path)
            result[name] = PdfReader(io.BytesIO(data))
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            pdf = ARTIFACTS / f"signed-{paper}-{Path(name).stem}.pdf"
            pdf.write_bytes(data)
            subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(pdf.with_suffix(""))], check=True)
            listed = subprocess.run(["pdfimages", "-list", "-f", "1", "-l", "1", str(pdf)],
                                    capture_output=True, text=True, check=True).stdout
            images[name] = len([line for line in listed.splitlines()[2:] if line.strip()])
            pdf.unlink()
    finally:
        server.close()
    return paper, result, images


@pytest.mark.parametrize("name", sorted(SIGNED_SHEETS))
def test_no_more_sheets_than_the_signed_original(printed, name):
    paper, pdfs, _ = printed
    assert len(pdfs[name].pages) <= SIGNED_SHEETS[name], f"{name} on {paper}: {len(pdfs[name].pages)} sheets"


@pytest.mark.parametrize("name", sorted(SIGNED_SHEETS))
def test_sheet_one_holds_what_the_signed_sheet_one_holds(printed, name):
    _, pdfs, images = printed
    assert images[name] >= 1, "the logo on sheet 1"
    sop = yaml.safe_load((SIGNED / name).read_text(encoding="utf-8"))
    first = flat(pdfs[name].pages[0].extract_text())
    for line in sop["organisasi"]:
        assert flat(line).upper() in first.upper()
    assert "STANDAR OPERASIONAL PROSEDUR" in first.upper()
    for label in ("Nomor SOP", "Disahkan oleh", *SECTIONS):
        assert label in first, f"{label!r} not on sheet 1"
    for field in ("dasar_hukum", "kualifikasi_pelaksana", "peralatan_perlengkapan"):
        value = sop.get(field)
        item = value[0] if isinstance(value, list) else value
        if item and item != "-":  # the first item goes with its heading
            assert flat(item)[:40] in first, f"first item of {field} not on sheet 1"


@pytest.mark.parametrize("name", sorted(SIGNED_SHEETS))
def test_every_step_printed_and_no_text_below_the_smallest_size(printed, name):
    _, pdfs, _ = printed
    sop = yaml.safe_load((SIGNED / name).read_text(encoding="utf-8"))
    whole = flat("\n".join(page.extract_text() for page in pdfs[name].pages))
    for step in sop["langkah"]:
        words = flat(step["uraian"]).split()[:6]
        assert re.search(r"\s+".join(map(re.escape, words)), whole), f"step {' '.join(words)!r} not printed"
    found = [round(size, 2) for page in pdfs[name].pages for size in sizes(page)]
    body = max(set(found), key=found.count)  # the table's text, 8 pt at full size
    assert body >= 8 * min(SCALES) - 0.1
    # the chart's own texts (9 px inside a symbol, 10 px branch labels) shrink alike
    assert min(found) >= 9 * 72 / 96 * min(SCALES) - 0.1
