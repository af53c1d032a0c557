"""The previous site is deleted beside the build (sopbook/plugin/sitedir.py): nothing of it
stays, hidden entries stay as MkDocs keeps them, and a refused build leaves it untouched."""

from __future__ import annotations

from test_cache import sop


def test_the_old_site_goes_and_hidden_entries_stay(small_site):
    small_site.add("a.yml", sop("4.1", "Layanan Satu"))
    assert small_site.build().returncode == 0
    (small_site.site / ".git").mkdir()  # e.g. a gh-pages checkout
    (small_site.site / "sisa.html").write_text("dari build lama")
    stale = small_site.root / ".sopbook-old-site-1-abc"  # left by a build that was killed
    (stale / "sop").mkdir(parents=True)
    (small_site.root / "content" / "a.yml").unlink()
    small_site.add("b.yml", sop("4.2", "Layanan Dua"))
    assert small_site.build().returncode == 0
    assert not (small_site.site / "sisa.html").exists()
    assert (small_site.site / ".git").is_dir()
    assert not list(small_site.site.rglob("4.1"))
    assert list(small_site.site.rglob("4.2"))
    assert not list(small_site.root.glob(".sopbook-old-*"))


def test_a_refused_build_leaves_the_old_site_whole(small_site):
    small_site.add("a.yml", sop("4.1", "Layanan Satu"))
    assert small_site.build().returncode == 0
    before = sorted(p.relative_to(small_site.site) for p in small_site.site.rglob("*"))
    small_site.add("rusak.yml", "nomor: [\n")
    done = small_site.build()
    assert done.returncode != 0 and "rusak.yml" in done.stderr
    assert sorted(p.relative_to(small_site.site) for p in small_site.site.rglob("*")) == before
    assert not list(small_site.root.glob(".sopbook-old-*"))
