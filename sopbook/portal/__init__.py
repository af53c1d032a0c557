"""All SOPs together: the catalogue (natural order, organisation tree, page addresses),
references between SOPs, catalogue.json records, git history and the comparison of two
versions (`sopbook diff`), and in-place updates of the catalogue while serving.

Renders no HTML and never imports MkDocs.
"""

from .addresses import SOP_ROOT, natural_key, slugify
from .catalogue import Catalogue, Entry, OrgNode, address_problems
from .diff import diff_sops
from .git import GitError, last_changed
from .references import References

__all__ = [
    "SOP_ROOT",
    "Catalogue",
    "Entry",
    "GitError",
    "OrgNode",
    "References",
    "address_problems",
    "diff_sops",
    "last_changed",
    "natural_key",
    "slugify",
]
