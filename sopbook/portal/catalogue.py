"""The set of all SOPs: natural number order, the organisation tree, stable page paths.

Knows nothing about MkDocs: paths here are site-relative ("sop/…/28.8.1.10/"), and the
adapter turns them into files and navigation.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..sop.loading import LoadedSop, Problem
from .addresses import NO_ORGANISATION, SOP_ROOT, natural_key, number_key, slugify
from ..sop.model import Sop

__all__ = ["Catalogue", "Entry", "OrgNode", "address_problems"]

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
    """All SOPs of a portal, ordered and placed in the organisation tree.

    Page addresses are promises (a printed QR code points at one): an SOP's address depends
    only on its own organisation and number (or title), never on which other files exist.
    Two SOPs or units whose pages would land on the same address are listed in `problems`,
    one problem naming both files; the portal must not be built while there are any.
    """

    def __init__(self, sops: Iterable[LoadedSop]) -> None:
        self.root = OrgNode(name="", path=f"{SOP_ROOT}/")
        self.entries: list[Entry] = []
        self.problems: list[Problem] = []
        """Address clashes, as `file:line:col: field: message` problems."""
        self._owners: dict[str, tuple[str, LoadedSop, tuple[str | int, ...]]] = {}
        for loaded in sops:
            node = self._node_for(loaded.sop.organisation or [NO_ORGANISATION], loaded)
            if loaded.sop.number:
                base, field_path = slugify(loaded.sop.number, keep_dots=True), ("nomor",)
            else:
                base, field_path = slugify(loaded.sop.title), ("nama",)
            if base == "index":  # sop/…/index.md would be the unit's own page
                base = "index-sop"
            path = f"{node.path}{base}/"
            self._claim(path, f"SOP {loaded.sop.number or loaded.sop.title!r}", loaded, field_path)
            entry = Entry(loaded, path, node)
            node.entries.append(entry)
            self.entries.append(entry)
        keys = {id(e): e.sort_key for e in self.entries}  # natural_key once per SOP
        self.entries.sort(key=lambda e: keys[id(e)])
        for node in self.root.walk():
            node.entries.sort(key=lambda e: keys[id(e)])

    def _node_for(self, names: list[str], loaded: LoadedSop) -> OrgNode:
        node = self.root
        for level, name in enumerate(names):
            key = " ".join(name.split()).casefold()
            child = node.children.get(key)
            if child is None:
                child = OrgNode(name=name, path=f"{node.path}{slugify(name)}/", parent=node)
                node.children[key] = child
                field_path = ("organisasi", level) if loaded.sop.organisation else ("organisasi",)
                self._claim(child.path, f"unit {name!r}", loaded, field_path)
            node = child
        return node

    def _claim(self, path: str, what: str, loaded: LoadedSop, field_path: tuple[str | int, ...]) -> None:
        """Record that `what` (from `loaded`) owns the address `path`, or a problem if another
        SOP or unit already does."""
        owner = self._owners.get(path)
        if owner is None:
            self._owners[path] = (what, loaded, field_path)
            return
        other_what, other, other_field = owner
        number, other_number = loaded.sop.number, other.sop.number
        if field_path == ("nomor",) and other_field == ("nomor",) and number and other_number:
            if number_key(number) == number_key(other_number):
                return  # the same Nomor SOP twice: reported by loading.duplicate_numbers
        line, column = other.positions.of(other_field)
        self.problems.append(
            loaded.problem(
                field_path,
                f"{what} mendapat alamat halaman {path} yang sudah dipakai {other_what} "
                f"({other.source}:{line}:{column}); alamat halaman tidak boleh sama, "
                f"ubah nomor, nama atau nama unit salah satunya",
            )
        )

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def units(self) -> Iterator[OrgNode]:
        """Every organisation node below the root."""
        for node in self.root.walk():
            if node is not self.root:
                yield node

    def outline_depth(self, limit: int) -> int:
        """How many levels of the organisation tree fit in an outline of at most `limit`
        units (at least the top level): small portals list every unit, large ones the upper
        levels, whose unit pages list the rest."""
        depth, shown = 0, 0
        level = self.root.sorted_children()
        while level and (depth == 0 or shown + len(level) <= limit):
            shown += len(level)
            depth += 1
            level = [child for node in level for child in node.children.values()]
        return max(depth, 1)



def address_problems(sops: Iterable[LoadedSop]) -> list[Problem]:
    """Problems of a set of SOPs that no single file shows: pages landing on one address."""
    return Catalogue(sops).problems


