"""The set of all SOPs: natural number order, the organisation tree, stable page paths.

Knows nothing about MkDocs: paths here are site-relative ("sop/…/28.8.1.10/"), and the
adapter turns them into files and navigation.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..sop.loading import LoadedSop, Problem
from ..sop.model import Sop

__all__ = [
    "Catalogue",
    "Entry",
    "OrgNode",
    "natural_key",
    "slugify",
    "NO_ORGANISATION",
    "SOP_ROOT",
    "References",
    "Reference",
    "Missing",
    "normalise_title",
    "catalogue_records",
    "sop_record",
    "missing_records",
    "address_problems",
    "MAX_SLUG",
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


MAX_SLUG = 80
"""Longest path segment made from a name or number; longer ones end in a digest of the text."""


def slugify(text: str, *, keep_dots: bool = False) -> str:
    """'Pemerintah Kota Madiun' -> 'pemerintah-kota-madiun'; numbers keep their dots.

    A slug is one safe path segment whatever the text: only a-z, 0-9, '-' and (numbers) '.'
    between them, so `../../x`, `a/b`, `..`, control characters and right-to-left overrides
    can neither leave the folder nor yield an empty or hidden ('.x') segment. A text with no
    letter or digit in ASCII gets `sop-<digest>`; one longer than MAX_SLUG is cut at a word and
    ends in a digest of the whole text, so that distinct long titles keep distinct addresses.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    if keep_dots:
        slug = _NOT_IN_NUMBER_SLUG.sub("-", ascii_text.lower())
        slug = _DOTS.sub(".", _DASH_DOTS.sub("-", slug))  # "a-..-b" -> "a-b", "a..b" -> "a.b"
    else:
        slug = _NOT_IN_SLUG.sub("-", ascii_text.lower())
    slug = slug.strip("-.")
    if not slug:
        return f"sop-{_digest(text)}"
    if len(slug) > MAX_SLUG:
        cut = slug[: MAX_SLUG - 9]
        cut = cut[: cut.rfind("-")] if cut.rfind("-") > MAX_SLUG // 2 else cut
        slug = f"{cut.rstrip('-.')}-{_digest(text)}"
    return slug


_NOT_IN_SLUG = re.compile(r"[^a-z0-9]+")
_NOT_IN_NUMBER_SLUG = re.compile(r"[^a-z0-9.]+")
_DASH_DOTS = re.compile(r"\.*-[-.]*")
_DOTS = re.compile(r"\.{2,}")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]


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
            if _number_key(number) == _number_key(other_number):
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


# References between SOPs ------------------------------------------------------------------

_NUMBER_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[.\-/][A-Za-z0-9]+)+")
_SOP_PREFIX = re.compile(r"^\s*(?:standar\s+operasional\s+prosedur|sop)\b[\s:.\-]*", re.IGNORECASE)


def normalise_title(text: str) -> str:
    """'SOP Administrasi  Surat-Masuk.' -> 'administrasi surat masuk' (for matching titles)."""
    text = _SOP_PREFIX.sub("", text)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_text.casefold()).split())


def names_an_sop(text: str) -> bool:
    """Whether a Keterangan text is meant as a reference to an SOP ("SOP Penyimpanan Arsip")."""
    return bool(_SOP_PREFIX.match(text))


def _number_key(number: str) -> str:
    return "".join(number.split()).casefold()


@dataclass(frozen=True, slots=True, eq=False)
class Reference:
    """A Keterkaitan item or Keterangan cell of `source` that names another SOP."""

    source: Entry
    path: tuple[str | int, ...]  # YAML path of the text, e.g. ("keterkaitan", 0)
    text: str
    target: Entry | None  # None: the SOP is not (yet) in the portal


@dataclass(slots=True)
class Missing:
    """An SOP that is cited but not in the portal ("Belum tersedia")."""

    title: str  # as first cited
    references: list[Reference] = field(default_factory=list)

    @property
    def cited_by(self) -> list[Entry]:
        seen: dict[int, Entry] = {}
        for ref in self.references:
            seen.setdefault(id(ref.source), ref.source)
        return sorted(seen.values(), key=lambda e: e.sort_key)


class References:
    """Every reference between the SOPs of a catalogue, resolved once.

    A text names an SOP by number (anywhere in it, e.g. "lihat 28.8.1.10") or by title (the
    whole text, ignoring case, a leading "SOP", punctuation and spacing). Titles match within
    the same government only, preferring the SOP that shares the most organisation levels with
    the citing SOP (on a tie, a unit above it rather than a sibling); numbers are unique in the
    portal and match anywhere. Keterkaitan items are
    always references; a Keterangan cell is one when it names a number in the portal or starts
    with "SOP".
    """

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self._by_number = {_number_key(e.sop.number): e for e in catalogue if e.sop.number}
        self._by_title: dict[str, list[Entry]] = {}
        for entry in catalogue:
            self._by_title.setdefault(normalise_title(entry.sop.title), []).append(entry)
        self.all: list[Reference] = []
        self._texts: dict[str, set[int]] | None = None  # for `update`, made by its first call
        self.by_source: dict[int, dict[str, Entry]] = {}
        self.cited_by: dict[int, list[Entry]] = {}
        missing: dict[str, Missing] = {}
        for entry in catalogue:
            for path, text, always in self._candidates(entry):
                target = self.resolve(entry, text)
                if target is None and not (always or names_an_sop(text)):
                    continue  # a plain remark, not a reference
                if target is entry:
                    continue
                ref = Reference(entry, path, text, target)
                self.all.append(ref)
                if target is not None:
                    self.by_source.setdefault(id(entry), {})[text] = target
                    citing = self.cited_by.setdefault(id(target), [])
                    if entry not in citing:
                        citing.append(entry)
                else:
                    key = normalise_title(text) or text.casefold()
                    missing.setdefault(key, Missing(title=text)).references.append(ref)
        for citing in self.cited_by.values():
            citing.sort(key=lambda e: e.sort_key)
        self.missing = sorted(missing.values(), key=lambda m: normalise_title(m.title))

    @staticmethod
    def _candidates(entry: Entry) -> Iterator[tuple[tuple[str | int, ...], str, bool]]:
        for i, text in enumerate(entry.sop.related):
            if text != "-":  # the form's "none" names no SOP
                yield ("keterkaitan", i), text, True
        if entry.sop.replaced_by:
            yield ("diganti_oleh",), entry.sop.replaced_by, True
        for s, step in enumerate(entry.sop.steps):
            for i, text in enumerate(step.remarks):
                if text != "-":
                    yield ("langkah", s, "keterangan", i), text, False

    def resolve(self, source: Entry, text: str) -> Entry | None:
        """The SOP that `text` names, seen from `source`; None when it is not in the portal."""
        for token in _NUMBER_TOKEN.findall(text):
            found = self._by_number.get(_number_key(token))
            if found is not None:
                return found
        candidates = self._by_title.get(normalise_title(text), [])
        source_org = [n.casefold() for n in source.sop.organisation]
        best: Entry | None = None
        best_score: tuple[int, bool] = (-1, False)
        for candidate in candidates:
            org = [n.casefold() for n in candidate.sop.organisation]
            shared = 0
            for mine, theirs in zip(source_org, org):
                if mine != theirs:
                    break
                shared += 1
            if shared == 0 and (source_org or org):
                continue  # another government's procedure is not this office's
            # most shared levels first; on a tie, a unit above the citing SOP beats a sibling
            score = (shared, shared == len(org))
            if score > best_score:
                best, best_score = candidate, score
        return best

    def prepare_update(self) -> None:
        """Index every text that may name an SOP by title, for `update` (done by its first
        call otherwise: a tenth of a second at 10,000 SOPs)."""
        if self._texts is None:  # normalised text -> ids of the SOPs writing it
            self._texts = {}
            for entry in self.catalogue:
                for _, text, _ in self._candidates(entry):
                    self._texts.setdefault(normalise_title(text), set()).add(id(entry))

    def update(self, changed: Iterable[Entry], old_titles: dict[int, str]) -> set[int]:
        """After the SOPs of `changed` were replaced in place (`Entry.loaded`; the same
        addresses, numbers and order, see `incremental.py`), resolve again what they cite and
        what cites them by title, as a new `References` of the catalogue would. `old_titles`:
        id(entry) -> its title before. Returns the ids of the SOPs whose links or "Dirujuk
        oleh" may have changed (besides `changed`)."""
        changed = list(changed)
        position = {id(entry): i for i, entry in enumerate(self.catalogue)}
        by_id = {id(entry): entry for entry in self.catalogue}
        self.prepare_update()
        assert self._texts is not None
        titles: set[str] = set()
        for entry in changed:
            old, new = normalise_title(old_titles[id(entry)]), normalise_title(entry.sop.title)
            if old != new:
                titles |= {old, new}
                listed = [e for e in self._by_title.get(old, []) if e is not entry]
                if listed:
                    self._by_title[old] = listed
                else:
                    self._by_title.pop(old, None)
                listed = [*self._by_title.get(new, []), entry]
                self._by_title[new] = sorted(listed, key=lambda e: position[id(e)])
        sources = {id(entry) for entry in changed}
        for title in titles:  # texts naming an old or new title may now name another SOP
            sources |= self._texts.get(title, set())
        touched_all = set(sources)
        for key in sources:
            for target in self.by_source.pop(key, {}).values():
                touched_all.add(id(target))
                citing = self.cited_by.get(id(target), [])
                if by_id[key] in citing:
                    citing.remove(by_id[key])
                if not citing:
                    self.cited_by.pop(id(target), None)
        for entry in changed:  # its own texts may have changed
            for ids in self._texts.values():
                ids.discard(id(entry))
            for _, text, _ in self._candidates(entry):
                self._texts.setdefault(normalise_title(text), set()).add(id(entry))
        kept = [ref for ref in self.all if id(ref.source) not in sources]
        touched: set[int] = set()
        for key in sorted(sources, key=position.__getitem__):
            entry = by_id[key]
            for path, text, always in self._candidates(entry):
                target = self.resolve(entry, text)
                if target is None and not (always or names_an_sop(text)):
                    continue
                if target is entry:
                    continue
                kept.append(Reference(entry, path, text, target))
                if target is not None:
                    self.by_source.setdefault(key, {})[text] = target
                    citing = self.cited_by.setdefault(id(target), [])
                    touched_all.add(id(target))
                    if entry not in citing:
                        citing.append(entry)
                        touched.add(id(target))
        for key in touched:
            self.cited_by[key].sort(key=lambda e: (e.sort_key, position[id(e)]))  # ties: catalogue order
        kept.sort(key=lambda ref: position[id(ref.source)])  # stable: each SOP's own order kept
        self.all = kept
        missing: dict[str, Missing] = {}
        for ref in kept:
            if ref.target is None:
                key = normalise_title(ref.text) or ref.text.casefold()
                missing.setdefault(key, Missing(title=ref.text)).references.append(ref)
        self.missing = sorted(missing.values(), key=lambda m: normalise_title(m.title))
        return touched_all

    def links_of(self, entry: Entry) -> dict[str, Entry]:
        """Texts of `entry` that name an SOP in the portal, and that SOP."""
        return self.by_source.get(id(entry), {})

    def citing(self, entry: Entry) -> list[Entry]:
        """'Dirujuk oleh': the SOPs that reference `entry`, in catalogue order."""
        return self.cited_by.get(id(entry), [])


def address_problems(sops: Iterable[LoadedSop]) -> list[Problem]:
    """Problems of a set of SOPs that no single file shows: pages landing on one address."""
    return Catalogue(sops).problems


def catalogue_records(
    catalogue: Catalogue, references: References, url: Callable[[str], str]
) -> dict[str, Any]:
    """The machine-readable catalogue (catalogue.json): every SOP, and SOPs not yet written."""
    return {"sop": [sop_record(entry, url) for entry in catalogue], "belum_tersedia": missing_records(references, url)}


def sop_record(entry: Entry, url: Callable[[str], str]) -> dict[str, Any]:
    """One SOP of catalogue.json: made from the SOP and its address only."""
    sop = entry.sop
    return {
        "nomor": sop.number,
        "nama": sop.title,
        "organisasi": list(sop.organisation),
        "tanggal_pengesahan": sop.approved,
        "tanggal_revisi": sop.revised,
        "tanggal_efektif": sop.effective,
        "url": url(entry.path),
        "pelaksana": list(sop.actors),
        "total_waktu": sop.total_time.format() if sop.total_time else None,
        "contoh": sop.sample,
        "status": sop.status.value,
        "diganti_oleh": sop.replaced_by,
    }


def missing_records(references: References, url: Callable[[str], str]) -> list[dict[str, Any]]:
    """The SOPs cited but not in the portal ("belum_tersedia" of catalogue.json)."""
    return [
        {
            "nama": item.title,
            "dirujuk_oleh": [
                {"nomor": e.sop.number, "nama": e.sop.title, "url": url(e.path)} for e in item.cited_by
            ],
        }
        for item in references.missing
    ]
