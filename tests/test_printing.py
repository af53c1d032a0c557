"""sopbook.printing without a browser: CSS strings, footers, papers, booklet contents."""

from __future__ import annotations

import io
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from conftest import soup
from sops import sop_dict, sop_yaml, step, write_sop
from sopbook.portal.catalogue import Catalogue
from sopbook.sop.loading import load_paths
from sopbook.sop.model import Sop
from sopbook.commands.pdf import Progress
from sopbook.printing.booklet import booklet_for
from sopbook.printing.footer import css_string, footer_style, page_address, shorten
from sopbook.printing.stylesheet import print_stylesheet


ONE_STEP = [step("Satu", "Staf")]


def sop(**fields) -> Sop:
    data = {"nama": "Uji", "nomor": None, "organisasi": None, "tanggal_pengesahan": None, "langkah": ONE_STEP, **fields}
    return Sop.model_validate(sop_dict(**data))


@given(st.text())
def test_css_string_cannot_end_the_string_the_rule_or_the_style_element(text):
    quoted = css_string(text)
    inner = quoted[1:-1]
    assert quoted[0] == quoted[-1] == '"'
    assert not set(inner) & set('"\'<>{}\n\r;&') - {";"}  # ';' is harmless inside a string
    assert "</" not in inner
    # every backslash starts a hex escape followed by one space
    assert re.fullmatch(r'(?:[^\\]|\\[0-9a-f]{1,6} )*', inner)


def test_css_string_keeps_indonesian_letters_and_escapes_newlines():
    assert css_string("Penyusunan Laporan (LKj): 28.8.1.10") == '"Penyusunan Laporan (LKj): 28.8.1.10"'
    assert css_string("a\nb") == '"a\\a b"'
    assert css_string("é") == '"é"'


def test_shorten_cuts_at_a_word_with_an_ellipsis():
    assert shorten("Pendek") == "Pendek"
    long = "Pengelolaan Usulan Kenaikan Pangkat Pegawai Negeri Sipil di Lingkungan Pemerintah Kota Uji"
    short = shorten(long)
    assert len(short) <= 70 and short.endswith("di…") and long.startswith(short[:-1])


def test_footer_has_number_title_date_and_qr_only_with_an_address():
    s = sop(nomor="1.2", tanggal_revisi="3 Mei 2024", tanggal_pengesahan="1 Mei 2024")
    with_qr = str(footer_style(s, page_address("https://sop.contoh.go.id/", "sop/a/1.2/")))
    assert "Tanggal Revisi: 3 Mei 2024" in with_qr and "Nomor SOP: 1.2" in with_qr
    assert 'counter(page) " dari " counter(pages)' in with_qr
    assert "data:image/svg+xml;base64," in with_qr
    without = str(footer_style(sop(tanggal_pengesahan="1 Mei 2024"), None))
    assert "data:image" not in without and "Tanggal Pengesahan: 1 Mei 2024" in without
    assert page_address(None, "sop/a/") is None
    assert page_address("https://x.go.id/portal", "sop/a/") == "https://x.go.id/portal/sop/a/"


def test_hostile_title_stays_inside_the_footer_style():
    html = str(footer_style(sop(nama='x"} </style><script>alert(1)</script>'), None))
    assert html.count("</style>") == 1 and "<script>" not in html


def test_paper_sizes_and_swimlane_rule():
    a4 = print_stylesheet("a4")
    assert "size: 297mm 210mm" in a4 and ".sop-swimlane { display: none" in a4
    f4 = print_stylesheet("f4", swimlane=True)
    assert "size: 330mm 215mm" in f4 and ".sop-swimlane { display: none" not in f4


def write(root: Path, name: str, nama: str, nomor: str | None = None, unit: str = "Dinas A", **fields) -> None:
    write_sop(root, name, nama, nomor, organisasi=["Pemda", unit], tanggal_pengesahan=None, langkah=ONE_STEP, **fields)


def test_booklets_leave_out_samples_drafts_and_revoked_unless_asked(tmp_path):
    write(tmp_path, "a.yml", "Resmi", "1")
    write(tmp_path, "b.yml", "Contoh", contoh=True)
    write(tmp_path, "c.yml", "Draf", status="draf")
    write(tmp_path, "d.yml", "Dicabut", status="dicabut")
    write(tmp_path, "e.yml", "Lain", "2", unit="Dinas B")
    result = load_paths([tmp_path])
    assert not result.problems
    catalogue = Catalogue(result.sops)
    whole = booklet_for(catalogue.root, portal_name="Portal")
    assert [e.sop.title for e in whole.entries] == ["Resmi", "Lain"] and whole.name == "semua-sop"
    unit = next(n for n in catalogue.units() if n.name == "Dinas A")
    only = booklet_for(unit, portal_name="Portal")
    assert [e.sop.title for e in only.entries] == ["Resmi"]
    assert only.organisation == ["Pemda", "Dinas A"] and only.name == "pemda_dinas-a"
    every = booklet_for(unit, portal_name="Portal", samples=True, drafts=True, revoked=True)
    assert {e.sop.title for e in every.entries} == {"Resmi", "Contoh", "Draf", "Dicabut"}


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_a_bar_on_a_terminal_and_sparse_lines_otherwise():
    terminal = _Terminal()
    bar = Progress(terminal, "Buku")
    for done in range(1, 5):
        bar(done, 4, "sop/x/")
    out = terminal.getvalue()
    assert out.count("\r") == 4 and out.endswith("] 4/4 SOP\n") and "[" + "#" * 30 + "]" in out
    log = io.StringIO()
    lines = Progress(log, "Buku")
    for done in range(1, 1001):
        lines(done, 1000, "sop/x/")
    printed = log.getvalue().splitlines()
    assert len(printed) == 21 and printed[0].startswith("Buku: 1/1000 ") and printed[-1].startswith("Buku: 1000/1000 SOP dicetak") and "\r" not in log.getvalue()


def test_paper_option_sets_the_sheet_of_the_sites_print_stylesheet(small_site):
    config = (small_site.root / "mkdocs.yml").read_text().replace("  - sopbook\n", "  - sopbook:\n      paper: f4\n")
    (small_site.root / "mkdocs.yml").write_text(config)
    small_site.add("a.yml", sop_yaml("Uji", None, organisasi=None, tanggal_pengesahan=None, langkah=ONE_STEP))
    done = small_site.build()
    assert done.returncode == 0, done.stderr
    css = (small_site.site / "assets" / "sopbook" / "print.css").read_text()
    assert "size: 330mm 215mm" in css
    page = next((small_site.site / "sop").rglob("uji/index.html"))
    links = [tag["href"] for tag in soup(page).find_all("link", rel="stylesheet")]
    assert links[-1].endswith("assets/sopbook/print.css")  # last: it overrides the others in print
    bad = small_site.root / "mkdocs.yml"
    bad.write_text(config.replace("paper: f4", "paper: letter"))
    done = small_site.build()
    assert done.returncode != 0 and "paper" in done.stderr
