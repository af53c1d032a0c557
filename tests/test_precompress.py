"""Precompressed copies (option `precompress`): `FILE.gz` and `FILE.br` beside the built
site's large text files, for servers with gzip_static/brotli_static; never while serving."""

from __future__ import annotations

import gzip

import brotli
import pytest

from conftest import SMALL_SITE_CONFIG
from sopbook.plugin.compress import MIN_SIZE, after_build, precompress
from sops import write_sop



def write_site(root):
    text = "<p>Standar Operasional Prosedur</p>\n" * 200
    (root / "sop").mkdir(parents=True)
    (root / "sop" / "index.html").write_text(text)
    (root / "style.css").write_text("body { color: black; }\n" * 200)
    (root / "search_index.json").write_text('{"docs": [' + '{"text": "surat"},' * 300 + "{}]}")
    (root / "small.js").write_text("var x = 1;\n")
    (root / "picture.png").write_bytes(b"\x89PNG" + b"\0" * 5000)
    return text


def test_large_text_files_get_gz_and_br_copies_with_the_same_content(tmp_path):
    text = write_site(tmp_path)
    done = precompress(tmp_path)
    page = tmp_path / "sop" / "index.html"
    assert gzip.decompress((tmp_path / "sop" / "index.html.gz").read_bytes()).decode() == text
    assert not (tmp_path / "sop" / "index.html.br").exists()  # pages: .gz only
    for name in ("style.css", "search_index.json"):
        assert (tmp_path / f"{name}.gz").stat().st_size < (tmp_path / name).stat().st_size
        assert brotli.decompress((tmp_path / f"{name}.br").read_bytes()) == (tmp_path / name).read_bytes()
    # small files, images and the copies themselves are left alone
    assert (tmp_path / "small.js").stat().st_size < MIN_SIZE
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(("small", "picture"))) == ["picture.png", "small.js"]
    assert done.files == 3 and done.original > done.gzip > done.brotli > 0
    assert page.read_text() == text  # the file itself untouched
    again = precompress(tmp_path)  # a second run writes the same bytes, no copies of copies
    assert again.files == 3 and not list(tmp_path.rglob("*.gz.gz"))


def test_nothing_is_written_while_serving_or_when_turned_off(tmp_path, monkeypatch):
    write_site(tmp_path)
    assert after_build(str(tmp_path), enabled=True, serving=True) is None
    assert after_build(str(tmp_path), enabled=False, serving=False) is None
    monkeypatch.setenv("SOPBOOK_PRECOMPRESS", "0")
    assert after_build(str(tmp_path), enabled=True, serving=False) is None
    assert not list(tmp_path.rglob("*.gz")) and not list(tmp_path.rglob("*.br"))


@pytest.mark.parametrize("option, written", [("", True), ("      precompress: false\n", False)])
def test_mkdocs_build_writes_the_copies_by_default(small_site, option, written):
    config = SMALL_SITE_CONFIG.replace("  - sopbook\n", "  - sopbook:\n" + option) if option else SMALL_SITE_CONFIG
    (small_site.root / "mkdocs.yml").write_text(config)
    write_sop(small_site.root / "content", "7.8.9.yml", nomor="7.8.9")
    done = small_site.build()
    assert done.returncode == 0, done.stderr
    pages = [p for p in (small_site.site / "sop").rglob("index.html") if "7.8.9" in str(p)]
    assert len(pages) == 1
    page = pages[0]
    assert (page.with_name("index.html.gz")).is_file() is written
    assert (small_site.site / "search" / "search_index.json.gz").is_file() is written
    assert (small_site.site / "search" / "search_index.json.br").is_file() is written
    assert (small_site.site / "assets" / "sopbook" / "mermaid" / "mermaid.min.js.br").is_file() is written
    assert ("dikompresi" in done.stderr) is written
