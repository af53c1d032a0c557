"""The adapter's state of one build, in named objects: the portal as MkDocs sees it.

`PortalPages` is made in `on_pre_build` (catalogue, references, "Terakhir diubah" dates) and
completed in `on_files` (the generated files and which SOP or unit each page shows). The
events read it; a quick update while serving (`fast/quick.py`) receives it and returns a new
one, which the plugin adopts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ..portal.logos import Logos
from ..portal.catalogue import Catalogue, Entry, OrgNode
from ..portal.references import References

__all__ = [
    "PortalPages", "KATALOG_URI", "KATALOG_JSON_URI", "KATALOG_TITLE", "CARI_URI", "CARI_TITLE",
    "MONITORING_URI", "MONITORING_TITLE", "page_uri",
]

KATALOG_URI = "katalog/index.md"
KATALOG_JSON_URI = "katalog/catalogue.json"
KATALOG_TITLE = "Katalog SOP"
CARI_URI = "cari/index.md"
CARI_TITLE = "Cari SOP"
MONITORING_URI = "pemantauan/index.md"
MONITORING_TITLE = "Pemantauan SOP"


def page_uri(entry: Entry) -> str:
    """The source URI of an SOP's page (`sop/…/28.8.1.10.md`)."""
    return entry.path.rstrip("/") + ".md"


@dataclass
class PortalPages:
    """The SOPs of this build and the pages that show them."""

    catalogue: Catalogue
    references: References
    last_changed: dict[Path, datetime] = field(default_factory=dict)
    """SOP file -> date of its last commit ("Terakhir diubah"); empty outside git."""
    entries: dict[str, Entry] = field(default_factory=dict)
    """Source URI -> the SOP its page shows."""
    units: dict[str, OrgNode] = field(default_factory=dict)
    """Source URI -> the unit whose catalogue page it is."""
    files: dict[str, Any] = field(default_factory=dict)
    """Site-relative path (`sop/…/28.8.1.10/`) -> the generated MkDocs file of that page."""
    logos: Logos = field(default_factory=Logos)
    """The organisation folders' logos (`_organisasi.yml`, portal/logos.py)."""

    def generated_uris(self) -> set[str]:
        """Pages whose body sopbook renders: SOPs, units, the catalogue, "Cari SOP" and
        "Pemantauan SOP"."""
        return set(self.entries) | set(self.units) | {KATALOG_URI, CARI_URI, MONITORING_URI}

    def is_generated(self, uri: str) -> bool:
        """Whether sopbook renders the body of the page at source URI `uri`."""
        return uri in self.entries or uri in self.units or uri in (KATALOG_URI, CARI_URI, MONITORING_URI)

    def url(self, path: str) -> str:
        """The site URL of the page at site-relative `path`."""
        return self.files[path].url
