"""The load cache (sopbook/sop/cache.py): a file is read again exactly when it changed, and a
second `mkdocs build` over the cache never shows a stale page."""

from __future__ import annotations

import json
import os
import time

from conftest import SmallSite
from sops import sop_yaml, step

from sopbook.sop.cache import LoadCache
from sopbook.sop.loading import load_paths

def sop(nomor: str, nama: str, *, unit: str = "Bidang Layanan", extra: str = "") -> str:
    steps = [step("Menerima surat", "Kepala", "5 menit"), step("Mengarsipkan", "Staf", "55 menit")]
    return sop_yaml(nama, nomor, organisasi=["Pemerintah Kota Uji", "Dinas Arsip", unit], langkah=steps) + extra


def age(path, seconds: float = 60) -> None:
    """Give `path` an old modification time (the cache distrusts files changed just now)."""
    old = time.time_ns() - int(seconds * 1e9)
    os.utime(path, ns=(old, old))


def titles(result) -> list[str]:
    return sorted(loaded.sop.title for loaded in result.sops)


def test_a_second_load_reads_nothing_and_gives_the_same_sops(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    for i in range(3):
        (content / f"{i}.yml").write_text(sop(f"1.{i}", f"Satu {i}"))
        age(content / f"{i}.yml")
    cache = LoadCache(tmp_path / "cache")
    first = cache.load_paths([content], base=tmp_path)
    assert len(cache.loaded) == 3
    second = cache.load_paths([content], base=tmp_path)
    assert cache.loaded == []
    assert titles(second) == titles(first) == titles(load_paths([content], base=tmp_path))
    assert [s.source for s in second.sops] == [s.source for s in first.sops]


def test_edited_renamed_added_and_deleted_files_are_seen(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    for name in "abc":
        (content / f"{name}.yml").write_text(sop(f"1.{ord(name)}", f"Judul {name}"))
        age(content / f"{name}.yml")
    cache = LoadCache(tmp_path / "cache")
    cache.load_paths([content], base=tmp_path)
    (content / "a.yml").write_text(sop("1.97", "Judul a diubah panjang"))
    (content / "b.yml").rename(content / "b2.yml")
    (content / "c.yml").unlink()
    (content / "d.yml").write_text(sop("1.100", "Judul d"))
    result = cache.load_paths([content], base=tmp_path)
    assert titles(result) == ["Judul a diubah panjang", "Judul b", "Judul d"]
    assert sorted(p.name for p in cache.loaded) == ["a.yml", "b2.yml", "d.yml"]
    assert sorted(s.source for s in result.sops) == ["content/a.yml", "content/b2.yml", "content/d.yml"]


def test_a_same_size_edit_within_the_clock_tick_is_still_seen(tmp_path):
    """Same size and the same modification time: the bytes decide for a file changed just
    before it was cached (coarse file-system clocks)."""
    path = tmp_path / "a.yml"
    path.write_text(sop("1.1", "Judul AAAA"))
    stat = path.stat()
    cache = LoadCache(None)
    assert titles(cache.load_paths([path])) == ["Judul AAAA"]
    path.write_text(sop("1.1", "Judul BBBB"))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size
    assert titles(cache.load_paths([path])) == ["Judul BBBB"]


def test_problems_are_cached_with_their_place_and_cleared_when_fixed(tmp_path):
    path = tmp_path / "content" / "rusak.yml"
    path.parent.mkdir()
    path.write_text(sop("1.1", "Judul").replace("nama:", "namma:"))
    age(path)
    cache = LoadCache(tmp_path / "cache")
    first = cache.load_paths([tmp_path / "content"], base=tmp_path)
    assert first.problems and not first.sops
    second = LoadCache(tmp_path / "cache")
    cache.save()
    again = second.load_paths([tmp_path / "content"], base=tmp_path)
    assert second.loaded == []
    assert [str(p) for p in again.problems] == [str(p) for p in first.problems]
    assert str(again.problems[0]).startswith("content/rusak.yml:")
    path.write_text(sop("1.1", "Judul"))
    fixed = second.load_paths([tmp_path / "content"], base=tmp_path)
    assert not fixed.problems and titles(fixed) == ["Judul"]


def test_duplicate_numbers_are_found_across_cached_and_new_files(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.yml").write_text(sop("1.1", "Satu"))
    age(content / "a.yml")
    cache = LoadCache(None)
    assert cache.load_paths([content]).ok
    (content / "b.yml").write_text(sop("1.1", "Dua"))
    result = cache.load_paths([content])
    plain = load_paths([content])
    assert result.problems and [str(p) for p in result.problems] == [str(p) for p in plain.problems]
    assert titles(result) == titles(plain)


def test_the_cache_folder_persists_and_is_safe_to_delete_or_damage(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.yml").write_text(sop("1.1", "Satu"))
    age(content / "a.yml")
    folder = tmp_path / ".cache" / "sopbook"
    cache = LoadCache(folder)
    cache.load_paths([content], base=tmp_path)
    cache.save()
    (stored,) = folder.glob("load-*.pickle")
    fresh = LoadCache(folder)
    assert titles(fresh.load_paths([content], base=tmp_path)) == ["Satu"] and fresh.loaded == []
    stored.write_bytes(b"\x80\x04 this is not a pickle")
    damaged = LoadCache(folder)
    assert titles(damaged.load_paths([content], base=tmp_path)) == ["Satu"]
    assert len(damaged.loaded) == 1
    damaged.save()
    for file in folder.iterdir():
        file.unlink()
    folder.rmdir()
    gone = LoadCache(folder)
    assert titles(gone.load_paths([content], base=tmp_path)) == ["Satu"]
    # a folder that cannot be created (a file is in the way) is no error either
    blocked = LoadCache(content / "a.yml" / "cache")
    assert titles(blocked.load_paths([content], base=tmp_path)) == ["Satu"]
    blocked.save()


def test_many_files_are_loaded_by_several_processes_alike(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    for i in range(60):
        (content / f"{i:02d}.yml").write_text(sop(f"2.{i}", f"Judul {i}"))
    (content / "rusak.yml").write_text("nama: [")
    import sopbook.sop.cache as cache_module

    single = LoadCache(None, processes=1).load_paths([content], base=tmp_path)
    threshold = cache_module.POOL_MIN_FILES
    cache_module.POOL_MIN_FILES = 10
    try:
        pooled = LoadCache(None, processes=2).load_paths([content], base=tmp_path)
    finally:
        cache_module.POOL_MIN_FILES = threshold
    assert [s.source for s in pooled.sops] == [s.source for s in single.sops]
    assert titles(pooled) == titles(single)
    assert [str(p) for p in pooled.problems] == [str(p) for p in single.problems]


def test_loading_beside_running_threads_does_not_fork_them(tmp_path, monkeypatch):
    """`mkdocs serve` runs a server and a file watcher in threads: the loading processes then
    start from a clean server process (forkserver), not as forks of a threaded process, and
    still load the same SOPs."""
    import multiprocessing
    import threading

    import sopbook.sop.cache as cache_module

    content = tmp_path / "content"
    content.mkdir()
    for i in range(30):
        (content / f"{i:02d}.yml").write_text(sop(f"3.{i}", f"Judul {i}"))
    single = LoadCache(None, processes=1).load_paths([content], base=tmp_path)
    methods: list[str] = []
    real = multiprocessing.get_context
    monkeypatch.setattr(cache_module.multiprocessing, "get_context", lambda method=None: methods.append(method) or real(method))
    monkeypatch.setattr(cache_module, "POOL_MIN_FILES", 10)
    stop = threading.Event()
    watcher = threading.Thread(target=stop.wait, daemon=True)  # as the server's threads
    watcher.start()
    try:
        pooled = LoadCache(None, processes=2).load_paths([content], base=tmp_path)
    finally:
        stop.set()
        watcher.join()
    assert methods == ["forkserver"]
    assert titles(pooled) == titles(single)
    monkeypatch.setattr(cache_module.threading, "active_count", lambda: 1)  # a build with no other thread
    LoadCache(None, processes=2).load_paths([content], base=tmp_path)
    assert methods == ["forkserver", "fork"]


# Whole builds -----------------------------------------------------------------------------

UNIT = "sop/pemerintah-kota-uji/dinas-arsip/bidang-layanan"


def page_text(site: SmallSite, path: str) -> str:
    return " ".join(site.page(path).get_text().split())


def test_second_build_over_the_cache_shows_every_edit_rename_and_deletion(small_site):
    a = small_site.add("a.yml", sop("1.1", "Arsip Awal"))
    small_site.add("b.yml", sop("1.2", "Bertanya", extra="keterkaitan: [SOP 1.1]\n"))
    c = small_site.add("c.yml", sop("1.3", "Cadangan"))
    for path in (a, c, small_site.root / "content" / "b.yml"):
        age(path)
    assert small_site.build().returncode == 0
    assert list((small_site.root / ".cache" / "sopbook").glob("load-*.pickle"))
    assert "Bertanya" in page_text(small_site, f"{UNIT}/1.1")  # Dirujuk oleh

    # edit A (number and title), rename C into another unit, delete nothing yet
    a.write_text(sop("1.9", "Arsip Baru"))
    c.rename(c.with_name("c-pindah.yml"))
    c = c.with_name("c-pindah.yml")
    c.write_text(sop("1.3", "Cadangan", unit="Bidang Lain"))
    done = small_site.build()
    assert done.returncode == 0, done.stderr
    assert "Arsip Baru" in page_text(small_site, f"{UNIT}/1.9")
    assert not (small_site.site / UNIT / "1.1").exists()
    citing = small_site.page(f"{UNIT}/1.2")
    sidebar = [" ".join(a.get_text().split()) for a in citing.select("nav.md-nav--primary a.md-nav__link")]
    assert "1.9 Arsip Baru" in sidebar and "1.3 Cadangan" not in sidebar
    assert not citing.select(f'a[href*="1.1"]')  # B's "SOP 1.1" no longer names an SOP
    unit = page_text(small_site, UNIT)
    assert "Arsip Baru" in unit and "Arsip Awal" not in unit and "Cadangan" not in unit
    assert "Cadangan" in page_text(small_site, "sop/pemerintah-kota-uji/dinas-arsip/bidang-lain")
    records = json.loads((small_site.site / "katalog" / "catalogue.json").read_text())
    assert sorted(r["nama"] for r in records["sop"]) == ["Arsip Baru", "Bertanya", "Cadangan"]
    index = (small_site.site / "search" / "search_index.json").read_text()
    assert "Arsip Baru" in index and "Arsip Awal" not in index

    # delete B: A is no longer cited, B's page and search entries are gone
    (small_site.root / "content" / "b.yml").unlink()
    assert small_site.build().returncode == 0
    assert not (small_site.site / UNIT / "1.2").exists()
    assert "Bertanya" not in page_text(small_site, f"{UNIT}/1.9")
    assert "Bertanya" not in (small_site.site / "search" / "search_index.json").read_text()


def test_the_cache_can_be_turned_off_or_moved(small_site):
    small_site.add("a.yml", sop("1.1", "Satu"))
    config = small_site.root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - sopbook\n", "  - sopbook:\n      cache: false\n"))
    assert small_site.build().returncode == 0
    assert not (small_site.root / ".cache").exists()
    config.write_text(config.read_text().replace("cache: false", "cache_dir: tmp/cache-sop"))
    assert small_site.build().returncode == 0
    assert list((small_site.root / "tmp" / "cache-sop").glob("load-*.pickle"))


def html_files(site) -> dict[str, str]:
    return {str(p.relative_to(site)): p.read_text() for p in sorted(site.rglob("*.html"))}


def search_docs(site) -> list[str]:
    docs = json.loads((site / "search" / "search_index.json").read_text())["docs"]
    return sorted(json.dumps(d, sort_keys=True) for d in docs)


def test_stored_pages_are_exactly_what_a_build_without_cache_writes(small_site, tmp_path):
    small_site.add("a.yml", sop("1.1", "Arsip Awal"))
    small_site.add("b.yml", sop("1.2", "Bertanya", extra="keterkaitan: [SOP 1.1]\n"))
    small_site.add("c.yml", sop("2.1", "Cadangan", unit="Bidang Lain"))
    assert small_site.build().returncode == 0
    assert list((small_site.root / ".cache" / "sopbook" / "pages").iterdir())
    assert small_site.build().returncode == 0  # from the stored pages
    stored, stored_search = html_files(small_site.site), search_docs(small_site.site)
    config = small_site.root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - sopbook\n", "  - sopbook:\n      cache: false\n"))
    assert small_site.build().returncode == 0
    # (the option itself is in mkdocs.yml: every page is rendered again without the cache)
    assert html_files(small_site.site) == stored
    assert search_docs(small_site.site) == stored_search


def test_a_template_override_or_a_hand_written_page_renders_every_page_again(small_site, slow):
    small_site.add("a.yml", sop("1.1", "Arsip Awal"))
    assert small_site.build().returncode == 0
    assert small_site.build().returncode == 0
    after = small_site.root / "overrides" / "sopbook" / "partials" / "after.html"
    after.parent.mkdir(parents=True)
    after.write_text('<p class="tambahan">Catatan kantor</p>\n')
    assert small_site.build().returncode == 0
    assert small_site.page(f"{UNIT}/1.1").select_one("p.tambahan").get_text() == "Catatan kantor"
    (small_site.root / "docs" / "panduan.md").write_text("# Panduan Baru\n")
    assert small_site.build().returncode == 0
    page = small_site.page(f"{UNIT}/1.1")
    assert "Panduan Baru" in [" ".join(a.get_text().split()) for a in page.select("nav.md-nav--primary a.md-nav__link")]
