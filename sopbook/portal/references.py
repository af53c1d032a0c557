"""References between SOPs: a Keterkaitan item, a Keterangan cell or a diganti_oleh names another
SOP by number or title; resolved to entries, with "Dirujuk oleh" and the SOPs cited but not in
the portal.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .addresses import number_key
from .catalogue import Catalogue, Entry

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
        self._by_number = {number_key(e.sop.number): e for e in catalogue if e.sop.number}
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
            found = self._by_number.get(number_key(token))
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

