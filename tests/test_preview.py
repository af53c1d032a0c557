"""Preview while editing: `mkdocs serve --dirty` (what `make serve` runs) renders only the
pages whose inputs changed, and no page it serves is ever stale.

A real `mkdocs serve` subprocess on a free port; every wait is bounded and the server is
killed at the end. SOP files are edited, added, renamed and deleted while it runs, and each
time the edited SOP's page, its unit page, the pages that cite it, siblings' sidebars,
`catalogue.json` and the search index are checked.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ENV, SmallSite

from test_cache import sop

UNIT = "sop/pemerintah-kota-uji/dinas-arsip/bidang-layanan"
OTHER_UNIT = "sop/pemerintah-kota-uji/dinas-arsip/bidang-lain"
WAIT = 90  # seconds; a rebuild of this site takes about one on an idle machine


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, site: SmallSite, *args: str) -> None:
        self.port = free_port()
        self.log = site.root / "serve.log"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", *args, "-a", f"127.0.0.1:{self.port}",
             "-f", str(site.root / "mkdocs.yml")],
            stdout=open(self.log, "wb"), stderr=subprocess.STDOUT, env=ENV, cwd=site.root,
            start_new_session=True,
        )

    def get(self, path: str) -> tuple[int, str]:
        url = f"http://127.0.0.1:{self.port}/{path}"
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, ""
        except OSError:
            return 0, ""

    def wait(self, what: str, condition: Callable[[], bool]) -> None:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            if condition():
                return
            time.sleep(0.3)
        pytest.fail(f"not served within {WAIT} s: {what}\n{self.log.read_text()[-3000:]}")

    def text(self, path: str) -> str:
        status, body = self.get(path)
        if status != 200:
            return ""
        return " ".join(BeautifulSoup(body, "html.parser").get_text().split())

    def sidebar(self, path: str) -> list[str]:
        status, body = self.get(path)
        page = BeautifulSoup(body, "html.parser")
        return [" ".join(a.get_text().split()) for a in page.select("nav.md-nav--primary a.md-nav__link")]

    def catalogue(self) -> list[str]:
        status, body = self.get("katalog/catalogue.json")
        return sorted(r["nama"] for r in json.loads(body)["sop"]) if status == 200 else []

    def search(self) -> list[str]:
        status, body = self.get("search/search_index.json")
        return [d["location"] for d in json.loads(body)["docs"]] if status == 200 else []

    def stop(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=20)


@pytest.fixture
def portal(small_site: SmallSite):
    small_site.add("a.yml", sop("1.1", "Arsip Awal"))
    small_site.add("b.yml", sop("1.2", "Bertanya", extra="keterkaitan: [SOP 1.1]\n"))
    small_site.add("c.yml", sop("1.3", "Cadangan"))
    small_site.add("d.yml", sop("2.1", "Lain Lagi", unit="Bidang Lain"))
    (small_site.root / "docs" / "panduan.md").write_text("# Panduan\n\nTeks panduan.\n")
    return small_site


def test_serve_dirty_shows_every_edit_and_nothing_stale(portal):
    server = Server(portal, "--dirty")
    try:
        server.wait("first build", lambda: len(server.catalogue()) == 4)
        assert "Bertanya" in server.text(f"{UNIT}/1.1/")  # Dirujuk oleh
        before = server.search()
        assert len(before) == len(set(before))

        # 1. edit B's title: B, the page it cites (A, "Dirujuk oleh"), siblings' sidebars,
        #    the unit page, catalogue.json and search follow; the other unit is not rebuilt
        other = portal.site  # (serve builds into a temporary folder, not site/)
        b = portal.root / "content" / "b.yml"
        b.write_text(sop("1.2", "Bertanya Lagi", extra="keterkaitan: [SOP 1.1]\n"))
        server.wait("edited SOP page", lambda: "Bertanya Lagi" in server.text(f"{UNIT}/1.2/"))
        assert "Bertanya Lagi" in server.text(f"{UNIT}/1.1/")
        assert "1.2 Bertanya Lagi" in server.sidebar(f"{UNIT}/1.3/")
        assert "Bertanya Lagi" in server.text(f"{UNIT}/")
        assert "Bertanya Lagi" in server.catalogue()
        status, index = server.get("search/search_index.json")
        assert "Bertanya Lagi" in index
        locations = server.search()
        assert sorted(locations) == sorted(before)  # no page lost, none twice
        assert "Panduan" in server.sidebar(f"{UNIT}/1.2/")
        # only what B feeds was rendered again: B, A, its siblings, its units, the catalogue
        # and the hand-written pages, not the other unit's SOP
        counts = re.findall(r"merender ulang (\d+) dari (\d+) halaman", server.log.read_text())
        assert counts and int(counts[-1][0]) < int(counts[-1][1])
        # a title edit keeps every address: applied to the last build without MkDocs' rebuild
        assert "pembaruan cepat" in server.log.read_text()
        assert other == portal.site

        # 2. change A's number: B's "SOP 1.1" no longer names an SOP in the portal
        a = portal.root / "content" / "a.yml"
        a.write_text(sop("1.9", "Arsip Awal"))
        server.wait("renumbered SOP", lambda: server.get(f"{UNIT}/1.9/")[0] == 200)
        server.wait("old address gone", lambda: server.get(f"{UNIT}/1.1/")[0] == 404)
        status, body = server.get(f"{UNIT}/1.2/")
        article = BeautifulSoup(body, "html.parser").select_one("article")
        assert [a["href"] for a in article.select("a[href]") if "1.1" in a["href"] or "1.9" in a["href"]] == []
        assert "1.9 Arsip Awal" in server.sidebar(f"{UNIT}/1.3/")
        assert not [loc for loc in server.search() if loc.startswith(f"{UNIT}/1.1/")]

        # 3. move C to the other unit by renaming its file and changing its organisation
        c = portal.root / "content" / "c.yml"
        c.unlink()
        (portal.root / "content" / "c-pindah.yml").write_text(sop("1.3", "Cadangan", unit="Bidang Lain"))
        server.wait("moved SOP", lambda: server.get(f"{OTHER_UNIT}/1.3/")[0] == 200)
        assert server.get(f"{UNIT}/1.3/")[0] == 404
        assert "Cadangan" not in server.text(f"{UNIT}/")
        assert "Cadangan" in server.text(f"{OTHER_UNIT}/")
        assert "2.1 Lain Lagi" in server.sidebar(f"{OTHER_UNIT}/1.3/")
        assert "1.3 Cadangan" in server.sidebar(f"{OTHER_UNIT}/2.1/")
        assert "1.3 Cadangan" not in server.sidebar(f"{UNIT}/1.2/")

        # 4. delete D and add E: pages, sidebars, catalogue and search follow
        (portal.root / "content" / "d.yml").unlink()
        (portal.root / "content" / "e.yml").write_text(sop("1.5", "Entri Baru"))
        server.wait("added SOP", lambda: "Entri Baru" in server.text(f"{UNIT}/1.5/"))
        assert server.get(f"{OTHER_UNIT}/2.1/")[0] == 404
        assert "1.5 Entri Baru" in server.sidebar(f"{UNIT}/1.2/")
        assert server.catalogue() == ["Arsip Awal", "Bertanya Lagi", "Cadangan", "Entri Baru"]
        locations = server.search()
        assert not [loc for loc in locations if loc.startswith(f"{OTHER_UNIT}/2.1/")]
        assert [loc for loc in locations if loc.startswith(f"{UNIT}/1.5/")]
        assert len(locations) == len(set(locations))

        # 5. a hand-written page's new title reaches the sidebar of SOP pages
        (portal.root / "docs" / "panduan.md").write_text("# Petunjuk\n\nTeks panduan.\n")
        server.wait("renamed hand-written page", lambda: "Petunjuk" in server.sidebar(f"{UNIT}/1.5/"))
        assert "Petunjuk" in server.sidebar(f"{UNIT}/1.2/")
    finally:
        server.stop()


def test_serve_without_dirty_still_shows_an_edit(portal):
    server = Server(portal)
    try:
        server.wait("first build", lambda: len(server.catalogue()) == 4)
        (portal.root / "content" / "a.yml").write_text(sop("1.1", "Arsip Diubah"))
        server.wait("edited SOP page", lambda: "Arsip Diubah" in server.text(f"{UNIT}/1.1/"))
        assert "Arsip Diubah" in server.text(f"{UNIT}/")
    finally:
        server.stop()


def test_after_a_broken_edit_the_fix_is_shown_everywhere(portal):
    server = Server(portal, "--dirty")
    try:
        server.wait("first build", lambda: len(server.catalogue()) == 4)
        a = portal.root / "content" / "a.yml"
        a.write_text(sop("1.1", "Arsip Awal").replace("nama:", "namma:"))
        deadline = time.monotonic() + WAIT
        while "namma" not in server.log.read_text() and time.monotonic() < deadline:
            time.sleep(0.3)
        a.write_text(sop("1.1", "Arsip Pulih"))
        server.wait("fixed SOP page", lambda: "Arsip Pulih" in server.text(f"{UNIT}/1.1/"))
        assert "Arsip Pulih" in server.text(f"{UNIT}/")
        assert "1.1 Arsip Pulih" in server.sidebar(f"{UNIT}/1.3/")
    finally:
        server.stop()
