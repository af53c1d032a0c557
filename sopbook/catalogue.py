"""The set of all SOPs: natural number order, the organisation tree, stable page paths.

Knows nothing about MkDocs: paths here are site-relative ("sop/…/28.8.1.10/"), and the
adapter turns them into files and navigation.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .loading import LoadedSop
from .model import Sop

__all__ = [
    "Catalogue",
    "Entry",
    "OrgNode",
    "natural_key",
    "slugify",
    "NO_ORGANISATION",
    "SOP_ROOT",
]

SOP_ROOT = "sop"
"""Folder of the site that holds every SOP page."""

NO_ORGANISATION = "Organisasi tidak disebutkan"
"""Label of the unit holding SOPs whose document names no organisation."""

_RUNS = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key comparing digit runs as numbers: 3.1.2.6 < 27.7.1.13 < 28.8.1.10."""
    parts: list[tuple[int, int | str]] = []
    for i, run in enumerate(_RUNS.split(text.casefold())):
        if not run:
            continue
        parts.append((0, int(run)) if i % 2 else (1, run))
    return tuple(parts)


def slugify(text: str, *, keep_dots: bool = False) -> str:
    """'Pemerintah Kota Madiun' -> 'pemerintah-kota-madiun'; numbers keep their dots."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    allowed = r"[^a-z0-9.]+" if keep_dots else r"[^a-z0-9]+"
    slug = re.sub(allowed, "-", ascii_text.lower()).strip("-.")
    return re.sub(r"-{2,}", "-", slug) or "sop"


@dataclass(slots=True, eq=False)
class Entry:
    """One SOP in the catalogue, with its place in the site."""

    loaded: LoadedSop
    path: str  # site-relative folder of the page, e.g. "sop/pemerintah-kota-madiun/…/28.8.1.10/"
    org: "OrgNode"

    @property
    def sop(self) -> Sop:
        return self.loaded.sop

    @property
    def label(self) -> str:
        """Navigation label: number and title."""
        sop = self.sop
        return f"{sop.number} {sop.title}" if sop.number else sop.title

    @property
    def sort_key(self) -> tuple:
        sop = self.sop
        if sop.number:
            return (0, natural_key(sop.number), sop.title.casefold())
        return (1, (), sop.title.casefold())


@dataclass(slots=True, eq=False)
class OrgNode:
    """One level of the organisation hierarchy (Pemerintah › Perangkat Daerah › Unit)."""

    name: str
    path: str  # site-relative folder, e.g. "sop/pemerintah-kota-madiun/"
    parent: "OrgNode | None" = None
    children: dict[str, "OrgNode"] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)

    @property
    def lineage(self) -> list["OrgNode"]:
        """From the top level down to this node (the root excluded)."""
        nodes: list[OrgNode] = []
        node: OrgNode | None = self
        while node is not None and node.parent is not None:
            nodes.append(node)
            node = node.parent
        return nodes[::-1]

    def sorted_children(self) -> list["OrgNode"]:
        return sorted(self.children.values(), key=lambda n: n.name.casefold())

    def walk(self) -> Iterator["OrgNode"]:
        """This node and every node below it, depth first, children sorted by name."""
        yield self
        for child in self.sorted_children():
            yield from child.walk()

    def all_entries(self) -> Iterator[Entry]:
        for node in self.walk():
            yield from node.entries

    def count(self) -> int:
        return sum(1 for _ in self.all_entries())


class Catalogue:
    """All SOPs of a portal, ordered and placed in the organisation tree."""

    def __init__(self, sops: Iterable[LoadedSop]) -> None:
        self.root = OrgNode(name="", path=f"{SOP_ROOT}/")
        self.entries: list[Entry] = []
        used_paths: set[str] = set()
        for loaded in sops:
            node = self._node_for(loaded.sop.organisation or [NO_ORGANISATION])
            base = slugify(loaded.sop.number, keep_dots=True) if loaded.sop.number else slugify(loaded.sop.title)
            path = f"{node.path}{base}/"
            suffix = 2
            while path in used_paths:
                path = f"{node.path}{base}-{suffix}/"
                suffix += 1
            used_paths.add(path)
            entry = Entry(loaded, path, node)
            node.entries.append(entry)
            self.entries.append(entry)
        self.entries.sort(key=lambda e: e.sort_key)
        for node in self.root.walk():
            node.entries.sort(key=lambda e: e.sort_key)

    def _node_for(self, names: list[str]) -> OrgNode:
        node = self.root
        for name in names:
            key = " ".join(name.split()).casefold()
            child = node.children.get(key)
            if child is None:
                child = OrgNode(name=name, path=f"{node.path}{slugify(name)}/", parent=node)
                node.children[key] = child
            node = child
        return node

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def units(self) -> Iterator[OrgNode]:
        """Every organisation node below the root."""
        for node in self.root.walk():
            if node is not self.root:
                yield node
