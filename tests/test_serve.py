"""`mkdocs serve` with a broken SOP file: the preview keeps answering and shows the problem.

A real `mkdocs serve` on a free port; every wait is bounded and the server is always stopped.
"""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import ENV, MKDOCS, SmallSite
from sops import line_of, sop_yaml, step

def good(nomor: str | None = "7.1", nama: str = "Pelayanan Surat Pindah", first: str = "Menerima berkas", before=()) -> str:
    steps = [*before, step(first, "Petugas", "5 menit"), step("Menandatangani surat", "Kepala Dinas", "10 menit")]
    return sop_yaml(nama, nomor, organisasi=["Pemerintah Kabupaten Uji", "Dinas Uji"], tanggal_pengesahan=None,
                    pelaksana=["Petugas", "Kepala Dinas"], langkah=steps)


GOOD = good()
OTHER = good("7.2", "Pelayanan Kartu Keluarga")
PAGE = "sop/pemerintah-kabupaten-uji/dinas-uji/7.1/"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, timeout: float = 5) -> tuple[int, str]:
    """Status and body; a held request (the old hang) fails the test by its timeout."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def wait_for(check, timeout: float = 60, every: float = 0.5):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            last = check()
        except (OSError, urllib.error.URLError):
            last = None
        if last:
            return last
        time.sleep(every)
    raise AssertionError(f"gave up after {timeout} s waiting for {check.__doc__ or check}")


@pytest.fixture
def served(tmp_path: Path, mkdocs):
    site = SmallSite(tmp_path / "project")
    site.add("a.yml", GOOD)
    site.add("b.yml", OTHER)
    port = free_port()
    process = subprocess.Popen(
        [*MKDOCS, "serve", "-a", f"127.0.0.1:{port}", "-f", str(site.root / "mkdocs.yml")],
        cwd=site.root, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        def up():
            """the first build"""
            return fetch(base + PAGE)[0] == 200
        wait_for(up, timeout=120)
        yield site, base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log = process.stdout.read() if process.stdout else ""
        print(log)


def test_a_broken_file_never_blocks_the_preview_and_shows_its_problem(served):
    site, base = served
    path = site.root / "content" / "a.yml"
    broken = GOOD.replace("nama: Pelayanan Surat Pindah", "nama: Pelayanan: Surat <Pindah>")
    path.write_text(broken)

    def problem_shown():
        """the problem banner"""
        status, body = fetch(base + PAGE)
        return body if status == 200 and "sopbook-problems" in body else None

    body = wait_for(problem_shown)
    # the problem as file:line:col: message, escaped; the last good version of the page stays
    assert f"content/a.yml:{line_of(broken, 'nama:')}:16" in body and "beri tanda kutip" in body
    assert "Pelayanan Surat Pindah" in body  # the last good version of the broken SOP
    # other pages, the catalogue and assets all answer at once
    for url in ["sop/pemerintah-kabupaten-uji/dinas-uji/7.2/", "katalog/", "", "assets/sopbook/sopbook.css"]:
        status, other = fetch(base + url, timeout=5)
        assert status == 200, url
        if not url.endswith(".css"):
            assert "sopbook-problems" in other, url

    path.write_text(good(first="Menerima berkas permohonan"))

    def fixed():
        """the fixed page without a banner"""
        status, body = fetch(base + PAGE)
        return body if status == 200 and "sopbook-problems" not in body and "Menerima berkas permohonan" in body else None

    wait_for(fixed)


def test_a_new_broken_file_leaves_the_good_sops_served(served):
    site, base = served
    broken = good("7.3", before=[step("x", "<b>Camat</b>")])
    site.add("c.yml", broken)

    def problem_shown():
        """the problem banner"""
        status, body = fetch(base + "katalog/")
        return body if status == 200 and "sopbook-problems" in body else None

    body = wait_for(problem_shown)
    assert f"content/c.yml:{line_of(broken, '    pelaksana: <b>Camat</b>')}:16" in body
    assert "&lt;b&gt;Camat&lt;/b&gt;" in body and "<b>Camat" not in body  # escaped
    assert fetch(base + PAGE)[0] == 200


def test_build_still_fails_on_a_broken_file(small_site):
    small_site.add("a.yml", GOOD.replace("nama:", "namma:"))
    done = small_site.build()
    assert done.returncode == 1
    assert f"content/a.yml:{line_of(GOOD, 'nama:')}:1: namma: kolom 'namma' tidak dikenal; maksudnya 'nama'?" in done.stderr
    assert not small_site.site.exists()


def test_two_pages_on_one_address_do_not_block_the_preview(served):
    site, base = served
    site.add("c.yml", good(None, "Rapat"))
    site.add("d.yml", good(None, "RAPAT"))

    def problem_shown():
        """the address clash in the banner"""
        status, body = fetch(base + "katalog/")
        return body if status == 200 and "sopbook-problems" in body and "alamat halaman" in body else None

    wait_for(problem_shown)
    assert fetch(base + "sop/pemerintah-kabupaten-uji/dinas-uji/rapat/")[0] == 200
    assert fetch(base + PAGE)[0] == 200
