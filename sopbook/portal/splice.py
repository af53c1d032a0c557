"""Large JSON files written again after a small change: each item's JSON is kept from the
last write and only the items that changed are serialized again.

`mkdocs serve --dirty` writes `catalogue.json` (one record per SOP) and the search index (one
entry per page section) after every edit; at 10,000 SOPs serializing them whole cost about a
second per save. The texts written here are byte for byte what `json.dumps` of the whole
document writes (tests/test_splice.py compares them).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from .catalogue import Catalogue, Entry
from .lifecycle import Schedule
from .references import References
from .records import missing_records, sop_record

__all__ = ["CatalogueJson", "SearchIndexJson"]


class CatalogueJson:
    """`catalogue.json` as `json.dumps(catalogue_records(...), ensure_ascii=False, indent=1)`,
    each SOP's record kept between writes by the identity of its loaded SOP and its address
    (the load cache hands out the same object for a file that did not change)."""

    def __init__(self, schedule: Schedule | None = None) -> None:
        self._records: dict[int, tuple[Any, str, str]] = {}  # id(loaded) -> (loaded, url, JSON)
        self.schedule = schedule
        """Build date and review interval of the records' "pemantauan" (None: the defaults)."""
        self._made_with = schedule

    def text(self, catalogue: Catalogue, references: References, url: Callable[[str], str]) -> str:
        kept: dict[int, tuple[Any, str, str]] = {}
        parts = []
        if self.schedule != self._made_with:  # another date or interval: every record changes
            self._records, self._made_with = {}, self.schedule
        for entry in catalogue:
            parts.append(self._record(entry, url, kept))
        self._records = kept
        missing = _dumps_indented(missing_records(references, url), 1)
        sop = "[\n  " + ",\n  ".join(parts) + "\n ]" if parts else "[]"
        return f'{{\n "sop": {sop},\n "belum_tersedia": {missing}\n}}'

    def _record(self, entry: Entry, url: Callable[[str], str], kept: dict[int, tuple[Any, str, str]]) -> str:
        loaded = entry.loaded
        address = url(entry.path)
        found = self._records.get(id(loaded))
        if found is None or found[0] is not loaded or found[1] != address:
            found = (loaded, address, _dumps_indented(sop_record(entry, lambda _: address, self.schedule), 2))
        kept[id(loaded)] = found
        return found[2]


def _dumps_indented(value: Any, depth: int) -> str:
    """`value` as `json.dumps(..., indent=1)` writes it `depth` levels deep in a document
    (JSON strings hold no raw line breaks, so every line break is the encoder's)."""
    return json.dumps(value, ensure_ascii=False, indent=1).replace("\n", "\n" + " " * depth)


class SearchIndexJson:
    """Material's `search_index.json` (`{"config": …, "docs": […]}` as its search plugin writes
    it, compact), each entry kept between writes by its identity: an entry of a page that was
    not rendered again is the same dict object as in the last index."""

    def __init__(self) -> None:
        self._entries: dict[int, tuple[Any, str]] = {}

    def keep(self, entries: Iterable[dict[str, Any]]) -> None:
        """Serialize `entries` now (after a full build, while the preview waits for edits),
        so that the next `text` serializes only what changed."""
        self._entries = {id(item): (item, _compact(item)) for item in entries}

    def text(self, config: dict[str, Any], entries: Iterable[dict[str, Any]]) -> str:
        kept: dict[int, tuple[Any, str]] = {}
        parts = []
        for item in entries:
            found = self._entries.get(id(item))
            if found is None or found[0] is not item:
                found = (item, _compact(item))
            kept[id(item)] = found
            parts.append(found[1])
        self._entries = kept
        return f'{{"config":{_compact(config)},"docs":[{",".join(parts)}]}}'


def _compact(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), default=str)
