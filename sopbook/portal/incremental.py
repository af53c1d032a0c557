"""New versions of a few SOP files put into an existing catalogue, instead of building the
catalogue and its references again for the whole portal (a second at 10,000 SOPs).

Only edits that keep the site's shape are taken: each SOP keeps its file, number,
organisation, address and place in every ordered list. The entries stay the same objects
(pages, navigation and references point at them); their `loaded` SOP is replaced, and
`References.update` resolves again what changed. Anything else answers None, with nothing
changed, and the caller builds a new catalogue.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .catalogue import Catalogue, Entry
from .references import References
from .addresses import slugify
from ..sop.loading import LoadedSop

__all__ = ["replace_in_place", "Replaced"]


@dataclass
class Replaced:
    changed: list[Entry]
    """The entries whose SOP was replaced."""
    touched: list[Entry]
    """Other entries whose links or "Dirujuk oleh" may have changed."""
    old_labels: dict[int, str]
    """id(entry) -> navigation label before, for `changed`."""


def replace_in_place(catalogue: Catalogue, references: References, sops: Iterable[LoadedSop]) -> Replaced | None:
    """Put each of `sops` (new versions of files already in `catalogue`) in place of the old
    version and update `references`; None (nothing changed) when an SOP would move."""
    by_file = {str(entry.loaded.path): entry for entry in catalogue}
    plan: list[tuple[Entry, LoadedSop]] = []
    new_keys: dict[int, tuple] = {}
    for loaded in sops:
        entry = by_file.get(str(loaded.path))
        if entry is None or any(entry is e for e, _ in plan):
            return None  # a new file, or one file twice
        old, new = entry.sop, loaded.sop
        if new.number != old.number or list(new.organisation) != list(old.organisation):
            return None
        if not new.number and _slug(new.title) != _slug(old.title):
            return None  # the address comes from the title
        plan.append((entry, loaded))
        new_keys[id(entry)] = Entry(loaded, entry.path, entry.org).sort_key

    def key(entry: Entry) -> tuple:
        found = new_keys.get(id(entry))
        return found if found is not None else entry.sort_key

    position = {id(entry): i for i, entry in enumerate(catalogue.entries)}
    for entry, _ in plan:  # strictly between its neighbours: the order cannot change
        for listed, i in ((catalogue.entries, position[id(entry)]), (entry.org.entries, None)):
            if i is None:
                i = next(j for j, e in enumerate(listed) if e is entry)
            mine = key(entry)
            if i > 0 and not key(listed[i - 1]) < mine:
                return None
            if i + 1 < len(listed) and not mine < key(listed[i + 1]):
                return None
    old_titles = {id(entry): entry.sop.title for entry, _ in plan}
    old_labels = {id(entry): entry.label for entry, _ in plan}
    for entry, loaded in plan:
        entry.loaded = loaded
    changed = [entry for entry, _ in plan]
    touched = references.update(changed, old_titles) - {id(entry) for entry in changed}
    return Replaced(changed, [entry for entry in catalogue if id(entry) in touched], old_labels)


def _slug(title: str) -> str:
    slug = slugify(title)
    return "index-sop" if slug == "index" else slug
