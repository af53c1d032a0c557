"""Quick updates of `mkdocs serve --dirty` (sopbook/plugin/fast/quick.py): edits that keep the
site's shape are applied in place, from the files the watcher saw change, and what is served
afterwards (pages, catalogue.json, the search index) equals a fresh `mkdocs build` of the same
files, edit after edit: editor-style saves (a temporary file renamed over the original),
several files saved at once, citations that change, titles that start or stop naming an SOP.
"""

from __future__ import annotations

import json
import os
import re
import subprocess

from bs4 import BeautifulSoup
from conftest import ENV, MKDOCS, SMALL_SITE_CONFIG, SmallSite, mkdocs_build

from test_cache import sop
from test_preview import UNIT, Server

OTHER = "sop/pemerintah-kota-uji/dinas-arsip/bidang-lain"


def quick_updates(server: Server) -> list[int]:
    """Pages rendered by each quick update so far."""
    return [int(n) for n in re.findall(r"pembaruan cepat, (\d+) halaman", server.log.read_text())]


def article(server: Server, path: str) -> str:
    """The text of a page's content (not its sidebar, which lists the unit's SOPs)."""
    status, body = server.get(path)
    found = BeautifulSoup(body, "html.parser").select_one("article") if status == 200 else None
    return " ".join(found.get_text().split()) if found is not None else ""


def save_like_an_editor(path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text)
    os.replace(temporary, path)


def fresh(project, tmp_path) -> tuple[dict, list]:
    """catalogue.json and the search index's entries of a fresh build of the same files."""
    site = tmp_path / "fresh"
    done = mkdocs_build(project, site_dir=site)
    assert done.returncode == 0, done.stderr
    catalogue = json.loads((site / "katalog" / "catalogue.json").read_text())
    index = json.loads((site / "search" / "search_index.json").read_text())
    return catalogue, sorted(json.dumps(d, sort_keys=True) for d in index["docs"])


def served(server: Server) -> tuple[dict, list]:
    catalogue = json.loads(server.get("katalog/catalogue.json")[1])
    index = json.loads(server.get("search/search_index.json")[1])
    return catalogue, sorted(json.dumps(d, sort_keys=True) for d in index["docs"])


def test_quick_edits_in_a_row_serve_what_a_fresh_build_makes(small_site, tmp_path):
    root = small_site.root
    small_site.add("a.yml", sop("1.1", "Arsip Awal"))
    small_site.add("b.yml", sop("1.2", "Bertanya", extra="keterkaitan: [SOP Arsip Awal, SOP Cadangan Baru]\n"))
    small_site.add("c.yml", sop("1.3", "Cadangan"))
    small_site.add("d.yml", sop("2.1", "Lain Lagi", unit="Bidang Lain"))
    small_site.add("e.yml", sop("3.1", "Jauh", unit="Bidang Jauh").replace("Dinas Arsip", "Dinas Jauh"))
    content = root / "content"
    server = Server(small_site, "--dirty")
    try:
        server.wait("first build", lambda: len(server.catalogue()) == 5)
        assert "Bertanya" in article(server, f"{UNIT}/1.1/")  # A: Dirujuk oleh B
        assert "Bertanya" not in article(server, f"{UNIT}/1.3/")
        catalogue, _ = served(server)
        assert [m["nama"] for m in catalogue["belum_tersedia"]] == ["SOP Cadangan Baru"]

        # 1. C's new title is the one B cites: B now links to C, C is cited by B, nothing missing
        save_like_an_editor(content / "c.yml", sop("1.3", "Cadangan Baru"))
        server.wait("C renamed", lambda: "Cadangan Baru" in server.text(f"{UNIT}/1.3/"))
        assert "Bertanya" in article(server, f"{UNIT}/1.3/")
        assert len(quick_updates(server)) == 1
        assert served(server) == fresh(root, tmp_path)

        # 2. B stops citing A and cites D by number (two files saved at once, D's title too)
        (content / "b.yml").write_text(sop("1.2", "Bertanya", extra="keterkaitan: [SOP Cadangan Baru, '2.1']\n"))
        (content / "d.yml").write_text(sop("2.1", "Lain Sekali", unit="Bidang Lain"))
        server.wait("D renamed", lambda: "Lain Sekali" in server.text(f"{OTHER}/2.1/"))
        server.wait("B cites D", lambda: "Bertanya" in article(server, f"{OTHER}/2.1/"))
        assert "Bertanya" not in article(server, f"{UNIT}/1.1/")  # A: no longer cited
        page = BeautifulSoup(server.get(f"{UNIT}/1.2/")[1], "html.parser").select_one("article")
        assert [a["href"] for a in page.select("a[href]") if "bidang-lain/2.1" in a["href"]]
        assert served(server) == fresh(root, tmp_path)

        # 3. the same file again, twice in a row
        for title in ("Arsip Kedua", "Arsip Ketiga"):
            save_like_an_editor(content / "a.yml", sop("1.1", title))
            server.wait(title, lambda: title in server.text(f"{UNIT}/1.1/"))
            assert f"1.1 {title}" in server.sidebar(f"{UNIT}/1.2/")
            assert title in server.text(f"{UNIT}/")
            assert served(server) == fresh(root, tmp_path)
        counts = quick_updates(server)
        assert len(counts) >= 4  # every edit above was a quick one
        # a title edit renders the unit's SOPs (sidebars), the units above it, its footer
        # neighbours, the catalogue and "Pemantauan SOP": 9 of the 15 pages here (10 when two
        # units changed), never the other Dinas, also in the first update after the first build
        assert counts[0] <= 9 and max(counts) <= 10, counts
    finally:
        server.stop()


def test_a_quick_update_after_a_full_rebuild_still_sees_every_file(small_site, tmp_path):
    """A full rebuild (a renumbered SOP) between quick updates: the files it read and the
    ones saved while it ran are all shown."""
    root = small_site.root
    small_site.add("a.yml", sop("1.1", "Arsip Awal"))
    small_site.add("b.yml", sop("1.2", "Bertanya"))
    content = root / "content"
    server = Server(small_site, "--dirty")
    try:
        server.wait("first build", lambda: len(server.catalogue()) == 2)
        (content / "a.yml").write_text(sop("1.9", "Arsip Awal"))  # a new address: full rebuild
        server.wait("renumbered", lambda: server.get(f"{UNIT}/1.9/")[0] == 200)
        (content / "b.yml").write_text(sop("1.2", "Bertanya Lagi"))
        server.wait("quick edit", lambda: "Bertanya Lagi" in server.text(f"{UNIT}/1.2/"))
        assert "1.2 Bertanya Lagi" in server.sidebar(f"{UNIT}/1.9/")
        assert served(server) == fresh(root, tmp_path)
        assert server.get(f"{UNIT}/1.1/")[0] == 404
    finally:
        server.stop()


_LIVERELOAD = re.compile(r"<script>\s*var livereload = .*?</script>", re.S)


def test_every_served_page_equals_a_fresh_build_after_quick_edits(tmp_path, mkdocs):
    """After several quick edits, every page `mkdocs serve --dirty` serves is byte for byte
    the page a fresh `mkdocs build` (with the server's address as site_url) writes: no page
    that shows something of an edited SOP was left out, however it shows it (the footer's
    previous and next pages included)."""
    config = SMALL_SITE_CONFIG.replace("  font: false\n", "  font: false\n  features: [navigation.footer]\n")
    small_site = SmallSite(tmp_path / "project", config)
    root = small_site.root
    dinas = {"Bidang Layanan": "Dinas Arsip", "Bidang Lain": "Dinas Arsip", "Bidang Jauh": "Dinas Jauh"}

    def write(name: str, number: str, title: str, unit: str, extra: str = "") -> None:
        small_site.add(name, sop(number, title, unit=unit, extra=extra).replace("Dinas Arsip", dinas[unit]))

    write("a.yml", "1.1", "Arsip Awal", "Bidang Layanan")
    write("b.yml", "1.2", "Bertanya", "Bidang Layanan", "keterkaitan: [SOP Arsip Awal, SOP Jauh Baru]\n")
    write("c.yml", "1.3", "Cadangan", "Bidang Layanan", "keterkaitan: ['3.1']\n")
    write("d.yml", "2.1", "Lain Lagi", "Bidang Lain", "keterkaitan: [SOP Cadangan]\n")
    write("e.yml", "3.1", "Jauh", "Bidang Jauh", "keterkaitan: ['1.2']\n")
    write("f.yml", "3.2", "Jauh Sekali", "Bidang Jauh")
    for number in (4, 5, 6):  # siblings that only the sidebar connects to A
        write(f"s{number}.yml", f"1.{number}", f"Saudara {number}", "Bidang Layanan")
    server = Server(small_site, "--dirty")
    try:
        server.wait("first build", lambda: len(server.catalogue()) == 9)
        edits = [
            ("e.yml", "3.1", "Jauh Baru", "Bidang Jauh", "keterkaitan: ['1.2']\n"),  # now B's "SOP Jauh Baru"
            ("c.yml", "1.3", "Cadangan Dua", "Bidang Layanan", "keterkaitan: ['3.2']\n"),  # D's title link breaks
            ("a.yml", "1.1", "Arsip Awal", "Bidang Layanan", "keterkaitan: ['2.1']\n"),  # a citation, no title
            ("a.yml", "1.1", "Arsip Diganti", "Bidang Layanan", "keterkaitan: ['2.1']\n"),  # sidebars
            ("d.yml", "2.1", "Lain Diganti", "Bidang Lain", "keterkaitan: [SOP Cadangan]\n"),  # the next unit's footer
            ("f.yml", "3.2", "Jauh Sekali Sekali", "Bidang Jauh"),
        ]
        for i, (name, *args) in enumerate(edits):
            write(name, *args)
            server.wait(f"edit {i}", lambda: len(quick_updates(server)) == i + 1)
            assert args[1] in server.catalogue()
        site_url = f"http://127.0.0.1:{server.port}/"
        (root / "fresh.yml").write_text((root / "mkdocs.yml").read_text() + f"site_url: {site_url}\n")
        site = tmp_path / "fresh"
        done = subprocess.run(
            [*MKDOCS, "build", "-f", str(root / "fresh.yml"), "--site-dir", str(site)],
            capture_output=True, text=True, env=ENV, cwd=root,
        )
        assert done.returncode == 0, done.stderr
        pages = sorted(p.relative_to(site) for p in site.rglob("*.html") if p.name != "404.html")
        assert len(pages) >= 15
        for page in pages:
            folder = "" if str(page.parent) == "." else f"{page.parent}/"
            path = folder if page.name == "index.html" else str(page)
            status, body = server.get(path)
            assert status == 200, path
            assert _LIVERELOAD.sub("", body) == (site / page).read_text(), path
    finally:
        server.stop()


def test_a_logo_set_while_serving_shows_on_the_sops_pages(small_site):
    """An organisation folder's `_organisasi.yml` (and its image) is not an SOP: saving it
    while serving rebuilds, and the pages show the logo."""
    from test_print_form import png

    root = small_site.root
    small_site.add("a.yml", sop("1.1", "Arsip Awal"))
    server = Server(small_site, "--dirty")
    try:
        server.wait("first build", lambda: len(server.catalogue()) == 1)
        assert "sop-logo" not in server.get(f"{UNIT}/1.1/")[1]
        (root / "content" / "lambang.png").write_bytes(png())
        (root / "content" / "_organisasi.yml").write_text("logo: lambang.png\nlogo_alt: Lambang Uji\n")
        server.wait("logo shown", lambda: 'alt="Lambang Uji"' in server.get(f"{UNIT}/1.1/")[1])
        assert len(server.catalogue()) == 1  # not taken for an SOP
    finally:
        server.stop()
