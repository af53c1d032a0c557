"""A second build never serves a page made from an older configuration: the page cache's digest
covers the resolved configuration, so a change in a file that mkdocs.yml includes with
`INHERIT:`, or in an `!ENV` value, renders every page again."""

from __future__ import annotations

import os
import subprocess

from conftest import ENV, MKDOCS, SMALL_SITE_CONFIG, SmallSite
from sops import sop_yaml, step

BASE = SMALL_SITE_CONFIG.replace("site_name: Uji", "site_name: {name}")


def sop(n: int) -> str:
    return sop_yaml(f"Pelayanan Nomor {n}", f"1.{n}", organisasi=["Pemerintah Kota Uji", "Dinas Arsip"],
                    tanggal_pengesahan=None, langkah=[step("Menerima berkas", "Petugas")])


def pages(site: SmallSite) -> dict[str, str]:
    return {
        str(path.relative_to(site.site)): path.read_text(encoding="utf-8")
        for path in site.site.rglob("*.html")
    }


def build(site: SmallSite, **env: str) -> None:
    done = subprocess.run(
        [*MKDOCS, "build", "--strict", "-f", str(site.root / "mkdocs.yml")],
        capture_output=True, text=True, env={**ENV, **env}, cwd=site.root,
    )
    assert done.returncode == 0, done.stderr


def test_a_site_name_changed_in_an_inherited_file_reaches_every_page(small_site):
    (small_site.root / "base.yml").write_text(BASE.format(name="Portal Lama"))
    (small_site.root / "mkdocs.yml").write_text("INHERIT: base.yml\n")
    for n in range(3):
        small_site.add(f"1.{n}.yml", sop(n))
    build(small_site)
    named = {name for name, html in pages(small_site).items() if "Portal Lama" in html}
    assert {"index.html", "katalog/index.html"} <= named and any(name.startswith("sop/") for name in named)
    assert (small_site.root / ".cache" / "sopbook").is_dir()  # the page cache is on
    (small_site.root / "base.yml").write_text(BASE.format(name="Portal Baru"))
    build(small_site)
    stale = [name for name, html in pages(small_site).items() if "Portal Lama" in html]
    assert not stale, f"pages still showing the old site_name: {stale}"
    assert all("Portal Baru" in pages(small_site)[name] for name in named)


def test_an_env_value_in_mkdocs_yml_reaches_every_page(small_site):
    config = BASE.format(name="!ENV [PORTAL_NAME, 'Portal']")
    (small_site.root / "mkdocs.yml").write_text(config)
    for n in range(3):
        small_site.add(f"1.{n}.yml", sop(n))
    build(small_site, PORTAL_NAME="Portal Kota A")
    named = {name for name, html in pages(small_site).items() if "Portal Kota A" in html}
    assert any(name.startswith("sop/") for name in named)
    build(small_site, PORTAL_NAME="Portal Kota B")
    stale = [name for name, html in pages(small_site).items() if "Portal Kota A" in html]
    assert not stale, f"pages still showing the old !ENV value: {stale}"
    assert all("Portal Kota B" in pages(small_site)[name] for name in named)
    assert os.environ.get("PORTAL_NAME") is None
