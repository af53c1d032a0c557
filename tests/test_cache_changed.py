"""`LoadCache.load_changed`: given the files a watcher saw change, the result equals a whole
scan (`loading.load_paths`) while only those files are looked at; renames, deletions,
additions, hidden and non-YAML files, and a racy same-size edit."""

from __future__ import annotations

import os

from sopbook.sop.cache import LoadCache
from sopbook.sop.loading import load_paths

from test_cache import age, sop, titles


def same(result, content, base) -> None:
    expected = load_paths([content], base=base)
    assert [s.source for s in result.sops] == [s.source for s in expected.sops]
    assert titles(result) == titles(expected)
    assert [str(p) for p in result.problems] == [str(p) for p in expected.problems]


def test_changed_files_only_and_the_same_result_as_a_scan(tmp_path):
    content = tmp_path / "content"
    (content / "unit").mkdir(parents=True)
    for name in "abc":
        (content / "unit" / f"{name}.yml").write_text(sop(f"1.{ord(name)}", f"Judul {name}"))
        age(content / "unit" / f"{name}.yml")
    cache = LoadCache(None)
    cache.load_paths([content], base=tmp_path)
    absolute = (content / "unit").resolve()

    # an editor's save: a temporary file renamed over the original
    (content / "unit" / ".a.yml.swp").write_text("sementara")
    os.replace(content / "unit" / ".a.yml.swp", content / "unit" / "a.yml")
    (content / "unit" / "a.yml").write_text(sop("1.97", "Judul a diubah"))
    result = cache.load_changed({absolute / ".a.yml.swp", absolute / "a.yml"}, [content], base=tmp_path)
    assert [p.name for p in cache.loaded] == ["a.yml"] and cache.removed == []
    same(result, content, tmp_path)

    # a rename, a deletion, an addition (sorted in its place), a note that is not YAML
    (content / "unit" / "b.yml").rename(content / "unit" / "aa.yml")
    (content / "unit" / "c.yml").unlink()
    (content / "unit" / "0.yml").write_text(sop("1.5", "Judul baru"))
    (content / "unit" / "catatan.txt").write_text("bukan SOP")
    changed = {absolute / n for n in ("b.yml", "aa.yml", "c.yml", "0.yml", "catatan.txt")}
    result = cache.load_changed(changed, [content], base=tmp_path)
    assert sorted(p.name for p in cache.loaded) == ["0.yml", "aa.yml"]
    assert sorted(p.name for p in cache.removed) == ["b.yml", "c.yml"]
    same(result, content, tmp_path)

    # a broken file is a problem, as in a scan; nothing changed reads nothing
    (content / "unit" / "0.yml").write_text("nama: [")
    result = cache.load_changed({absolute / "0.yml"}, [content], base=tmp_path)
    assert result.problems
    same(result, content, tmp_path)
    result = cache.load_changed(set(), [content], base=tmp_path)
    assert cache.loaded == [] and cache.removed == []
    same(result, content, tmp_path)


def test_unknown_changes_scan_everything(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.yml").write_text(sop("1.1", "Judul a"))
    age(content / "a.yml")
    cache = LoadCache(None)
    cache.load_paths([content], base=tmp_path)
    (content / "a.yml").write_text(sop("1.1", "Judul a diubah"))
    result = cache.load_changed(None, [content], base=tmp_path)
    assert titles(result) == ["Judul a diubah"]


def test_a_racy_file_not_named_by_the_watcher_is_still_compared(tmp_path):
    """A file saved within the clock's tick of being read, then saved again with the same
    size and time: the bytes decide, even when the watcher (which compares times) missed it."""
    content = tmp_path / "content"
    content.mkdir()
    path = content / "a.yml"
    path.write_text(sop("1.1", "Judul AAAA"))
    stat = path.stat()
    cache = LoadCache(None)
    cache.load_paths([content], base=tmp_path)
    path.write_text(sop("1.1", "Judul BBBB"))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert titles(cache.load_changed(set(), [content], base=tmp_path)) == ["Judul BBBB"]
