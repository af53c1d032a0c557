"""The page cache's pack files (sopbook/plugin/fast/pagecache.py): pages stored by one build are
read back by the next, packs that became mostly stale are rewritten, and no page is stale."""

from __future__ import annotations

import shutil

from conftest import SmallSite
from test_ahead import same_sites
from test_cache import age, sop


def packs(site: SmallSite) -> list[str]:
    return sorted(p.name for p in (site.root / ".cache" / "sopbook" / "pages").glob("pack-*.bin"))


def test_packs_are_read_back_and_rewritten_when_mostly_stale(small_site, tmp_path):
    files = [small_site.add(f"{i}.yml", sop(f"3.{i}", f"Layanan {i}")) for i in range(8)]
    for path in files:
        age(path)
    assert small_site.build().returncode == 0
    (first,) = packs(small_site)

    # nothing changed: every page comes from the pack, byte for byte
    shutil.copytree(small_site.site, tmp_path / "one")
    assert small_site.build().returncode == 0
    same_sites(tmp_path / "one", small_site.site)
    assert packs(small_site) == [first]

    # most SOPs edited: their pages go to a new pack, and the old one, now mostly stale, is
    # rewritten into it and deleted
    for i, path in enumerate(files[:7]):
        path.write_text(sop(f"3.{i}", f"Layanan Baru {i}"))
        age(path)
    assert small_site.build().returncode == 0
    assert first not in packs(small_site)
    shutil.copytree(small_site.site, tmp_path / "two")
    page = (small_site.site / "sop" / "pemerintah-kota-uji" / "dinas-arsip" / "bidang-layanan" / "3.7" / "index.html")
    assert "Layanan 7" in page.read_text()
    assert "Layanan Baru 3" in (page.parent.parent / "3.3" / "index.html").read_text()

    # and the rewritten pack serves the next build
    assert small_site.build().returncode == 0
    same_sites(tmp_path / "two", small_site.site)
