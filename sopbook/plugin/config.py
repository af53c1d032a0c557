"""Options of the `sopbook` MkDocs plugin (`plugins: [sopbook: {...}]` in mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..drawing.swimlane import ENGINES
from ..printing.paper import PAPERS
from ..printing.sheets import PRINT_SIZES
from ..render import FLOWCHART_MODES
from ..sop.monitoring import parse_interval


class _Interval(c.Type):
    """A review interval: "1 tahun", "2 tahun", "18 bulan" (a bare number is years)."""

    def __init__(self, default: str) -> None:
        super().__init__((str, int), default=default)

    def run_validation(self, value: object) -> object:
        value = super().run_validation(value)
        try:
            parse_interval(value)  # type: ignore[arg-type]
        except ValueError as error:
            raise base.ValidationError(str(error)) from None
        return value if isinstance(value, str) else f"{value} tahun"


class _Toggle(c.Choice):
    """A choice where YAML's `off`/`no`/`false` (read as False) means "off", `on`/true "show"."""

    def run_validation(self, value: object) -> object:
        if value is False:
            value = "off"
        elif value is True:
            value = "show"
        return super().run_validation(value)


class SopbookConfig(base.Config):
    content_dir = c.Dir(exists=True, default="content")
    """Folder of SOP YAML files, relative to mkdocs.yml (searched recursively)."""

    templates_dir = c.Optional(c.Dir(exists=False))
    """Folder of template overrides; default: `sopbook/` inside the theme's `custom_dir`."""

    configure_theme = c.Type(bool, default=True)
    """Turn on the Material features the portal relies on: `navigation.prune` (each page
    carries only its own part of the navigation, so page size stays flat as the portal grows)
    and `navigation.indexes` (unit catalogue pages open their navigation section)."""

    strict_references = c.Type(bool, default=False)
    """Fail the build when a Keterkaitan/Keterangan names an SOP that is not in the portal
    (by default such references stay plain text and are listed as "Belum tersedia")."""

    swimlane = _Toggle(("show", "collapsed", "off"), default="show")
    """The Mermaid swimlane of each SOP: shown, collapsed in a details block, or left out."""

    swimlane_engine = c.Choice(ENGINES, default="swimlane-beta")
    """`swimlane-beta` (lanes side by side, one row per step) or the classic `flowchart` with
    one subgraph per lane (a fallback: its lanes may drift)."""

    pagefind = c.Type(bool, default=False)
    """Also build a Pagefind index (chunked: a search downloads a few hundred kilobytes however
    large the portal) and a "Cari SOP" page using it. Needs `pip install sopbook[pagefind]`.
    For very large portals, use it instead of Material's search plugin."""

    flowchart = c.Choice(FLOWCHART_MODES, default="connected")
    """The flowchart in the procedure table's Pelaksana columns: `connected` (each step's
    symbol joined to the next by arrows, decisions' Ya/Tidak branches and loops drawn, static
    SVG that needs no script) or `symbols` (each step's symbol alone, with "Ya → 3 Tidak → 1"
    under a decision)."""

    paper = c.Choice(tuple(PAPERS), default="a4")
    """Paper of printed SOP pages and `sopbook pdf` booklets, landscape: `a4` (297 x 210 mm)
    or `f4` (Folio, 330 x 215 mm)."""

    print_min_size = c.Choice(PRINT_SIZES, default=PRINT_SIZES[-1])
    """The smallest size (pt) of the procedure table's text on paper. An SOP that would take
    one sheet more at full size (8 pt) is printed smaller, at the largest of 7.5, 7, 6.5 and 6
    pt that saves the sheet, as officers shrink a Word table to fit (the signed originals use
    6-8 pt); never below this size. `8`: always full size."""

    print_swimlane = c.Type(bool, default=False)
    """Print the Mermaid swimlane after the procedure table (it needs script: `sopbook pdf`
    waits for it to be drawn). By default printed pages leave it out."""

    review_interval = _Interval(default="1 tahun")
    """How often an SOP is reviewed (evaluated) unless its file says `kaji_ulang_setiap`:
    "1 tahun" (default), "2 tahun", "18 bulan". Monitoring is due every six months (Tabel 7).
    Dates fall due against the build date: `SOPBOOK_BUILD_DATE` (YYYY-MM-DD),
    `SOURCE_DATE_EPOCH`, or today."""

    precompress = c.Type(bool, default=True)
    """Write `FILE.gz` (and `FILE.br`, with the `brotli` package) beside every large HTML, CSS,
    JavaScript, JSON and XML file of the built site, for web servers that send such a copy to
    browsers that accept it (nginx `gzip_static on;`/`brotli_static on;`, Apache: see README):
    a phone on a slow line then sees an SOP page's table in a third of the time. Only
    `mkdocs build` writes them, never `mkdocs serve`; `SOPBOOK_PRECOMPRESS=0` turns it off for
    one build."""

    cache = c.Type(bool, default=True)
    """Keep the loaded SOPs (keyed by path, size and modification time) and the finished SOP
    and unit pages (keyed by a digest of everything they are made of) in `cache_dir`, so that
    the next build reads, validates and renders only what changed."""

    processes = c.Type(int, default=0)
    """Processes that load the SOP files and render the SOP and unit pages of `mkdocs build`:
    `0` (default) one per CPU (at most 4) on portals of a few hundred SOPs or more, `1` this
    process only, or a number to use whatever the portal's size. `mkdocs serve` renders in one
    process."""

    cache_dir = c.Type(str, default=".cache/sopbook")
    """Folder of that cache, relative to mkdocs.yml; safe to delete at any time."""
