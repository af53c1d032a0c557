"""Pages rendered ahead on several processes (sopbook/plugin/fast/ahead.py): the site is the same
byte for byte as one process makes it, warnings still count for --strict, and a page that
fails makes the build fail with its message."""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

from conftest import SMALL_SITE_CONFIG, SmallSite
from sops import decision, sop_yaml, step

def sop(i: int) -> str:
    """SOP number i of the portal: 24 SOPs in six units, each citing the next."""
    return sop_yaml(
        f"Layanan {i}",
        f"1.{i}",
        organisasi=["Pemerintah Kota Uji", f"Dinas {i % 2}", f"Bidang {i % 3}"],
        keterkaitan=[f"SOP Layanan {(i + 1) % 24}"],
        pelaksana=["Kepala", "Sekretaris", "Staf"],
        langkah=[
            step(f"Menerima surat Layanan {i}", "Kepala", "5 menit"),
            decision("Meneliti kelengkapan", "Sekretaris", ya=3, tidak=1, waktu="10 menit"),
            step("Mengarsipkan", ["Staf", "Kepala"], "1 hari kerja"),
        ],
    )


def portal(root: Path, processes: int, *, pages: str = "") -> SmallSite:
    config = SMALL_SITE_CONFIG.replace("  - sopbook\n", f"  - sopbook:\n      processes: {processes}\n")
    site = SmallSite(root, config)
    for i in range(24):
        site.add(f"u{i % 3}/{i}.yml", sop(i))
    (root / "docs" / "panduan.md").write_text(f"# Panduan\n\n{pages}\n")
    return site


def files(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site)) for p in site.rglob("*") if p.is_file())


def same_sites(a: Path, b: Path) -> None:
    assert files(a) == files(b)
    for name in files(a):
        assert filecmp.cmp(a / name, b / name, shallow=False), name


def test_several_processes_build_the_same_site_as_one(tmp_path, mkdocs):
    one = portal(tmp_path / "one", 1)
    three = portal(tmp_path / "three", 3)
    done = one.build()
    assert done.returncode == 0, done.stderr
    done = three.build()
    assert done.returncode == 0, done.stderr
    assert "Page skipped" not in done.stderr
    same_sites(one.site, three.site)  # pages, search index, sitemap, catalogue.json
    assert len(list(three.site.glob("sop/**/1.*/index.html"))) == 24


def test_the_page_cache_of_a_build_on_several_processes_serves_the_next(tmp_path, mkdocs):
    three = portal(tmp_path / "three", 3)
    assert three.build().returncode == 0
    first = tmp_path / "first"
    shutil.copytree(three.site, first)
    packs = list((three.root / ".cache" / "sopbook" / "pages").glob("pack-*.bin"))
    assert len(packs) >= 2  # pages rendered by the child processes were stored too
    assert three.build().returncode == 0
    same_sites(first, three.site)


def test_links_into_pages_rendered_ahead_are_checked(tmp_path, mkdocs):
    anchor = "sop/pemerintah-kota-uji/dinas-0/bidang-0/1.0.md#prosedur"
    good = portal(tmp_path / "good", 3, pages=f"[Prosedur]({anchor})")
    done = good.build()
    assert done.returncode == 0, done.stderr
    bad = portal(tmp_path / "bad", 3, pages=f"[Prosedur]({anchor.replace('#prosedur', '#tidak-ada')})")
    bad.root.joinpath("mkdocs.yml").write_text(
        bad.root.joinpath("mkdocs.yml").read_text() + "validation:\n  anchors: warn\n"
    )
    done = bad.build()
    assert done.returncode != 0  # --strict counts the warning
    assert "tidak-ada" in done.stderr


def test_a_page_that_fails_in_a_child_process_fails_the_build(tmp_path, mkdocs):
    broken = '{% if sop.number == "1.7" %}{{ tidak_ada_variabel }}{% endif %}\n'
    for processes in (1, 3):
        site = portal(tmp_path / f"p{processes}", processes)
        override = site.root / "overrides" / "sopbook" / "partials" / "after.html"
        override.parent.mkdir(parents=True)
        override.write_text(broken)
        done = site.build()
        assert done.returncode != 0
        assert "tidak_ada_variabel" in done.stderr
        assert "Traceback" not in done.stderr
