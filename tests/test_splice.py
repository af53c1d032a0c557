"""catalogue.json and the search index written from kept pieces (sopbook/splice.py) are byte
for byte what `json.dumps` of the whole document writes, after every change."""

from __future__ import annotations

import json

from sopbook.portal.catalogue import Catalogue
from sopbook.portal.references import References
from sopbook.portal.records import catalogue_records
from sopbook.portal.incremental import replace_in_place
from sopbook.sop.loading import load_file, load_paths
from sopbook.portal.splice import CatalogueJson, SearchIndexJson

from test_cache import sop


def whole(catalogue, references, url) -> str:
    return json.dumps(catalogue_records(catalogue, references, url), ensure_ascii=False, indent=1)


def test_catalogue_json_equals_json_dumps_after_edits(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    a = content / "a.yml"
    a.write_text(sop("1.1", 'Arsip "Awal" é\\ <b>'))
    (content / "b.yml").write_text(sop("1.2", "Bertanya", extra="keterkaitan: [SOP Belum Ada, SOP Arsip Baru]\n"))
    catalogue = Catalogue(load_paths([content], base=tmp_path).sops)
    references = References(catalogue)
    writer = CatalogueJson()
    url = lambda path: f"/{path}"  # noqa: E731
    assert writer.text(catalogue, references, url) == whole(catalogue, references, url)
    # an edit: one record and the missing SOPs change, the rest is taken from the last write
    a.write_text(sop("1.1", "Arsip Baru"))
    replace_in_place(catalogue, references, load_file(a, base=tmp_path).sops)
    text = writer.text(catalogue, references, url)
    assert text == whole(catalogue, references, url)
    assert "Arsip Baru" in text and "Awal" not in text
    # another address for every page (a new site_url layout): every record follows
    other = lambda path: f"../{path}"  # noqa: E731
    assert writer.text(catalogue, references, other) == whole(catalogue, references, other)
    # nothing at all
    empty = Catalogue([])
    assert writer.text(empty, References(empty), url) == whole(empty, References(empty), url)


def test_search_index_equals_materials_json_after_a_change():
    config = {"lang": ["id"], "separator": "[\\s\\-]+", "pipeline": ["stemmer"], "fields": {"title": {"boost": 1e3}}}
    entries = [{"location": f"sop/{i}/", "title": f"Judul {i} \"é\"", "text": "<p>x</p>", "tags": ["1.1"]} for i in range(5)]
    writer = SearchIndexJson()

    def material(docs) -> str:  # what Material's search plugin writes (generate_search_index)
        return json.dumps({"config": config, "docs": docs}, separators=(",", ":"), default=str)

    assert writer.text(config, entries) == material(entries)
    entries = entries[:2] + entries[3:] + [{"location": "sop/2/", "title": "Judul baru", "text": "y"}]
    assert writer.text(config, entries) == material(entries)
    assert writer.text(config, []) == material([])
