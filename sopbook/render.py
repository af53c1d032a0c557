"""HTML rendering of SOP pages and catalogue pages from Jinja2 templates.

Templates live in `sopbook/templates/`; a site overrides any of them by putting a file of
the same name in one of `override_dirs` (the MkDocs adapter passes `overrides/sopbook/`).
Autoescape is on: every string that comes from YAML is escaped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    TemplateError,
)
from markupsafe import Markup, escape

from .drawing.flowchart import build_chart
from .messages import define, say
from .portal.catalogue import Catalogue, Entry, OrgNode
from .portal.lifecycle import STATE_LABELS, Schedule, unit_summaries
from .portal.references import References
from .printing.breaks import print_breaks
from .printing.footer import css_string, shorten
from .printing.hyphens import soft_hyphens
from .printing.paper import Paper
from .printing.sheets import SMALLEST_PT
from .sop.dates import format_date
from .sop.monitoring import CRITERIA
from .sop.version import sop_version

__all__ = ["Renderer", "SYMBOL_LABELS", "FLOWCHART_MODES", "template_problem"]

define(
    "template.error",
    id="sopbook: halaman {page} tidak dapat dibuat: templat {where}: {detail}",
    en="sopbook: page {page} cannot be made: template {where}: {detail}",
)

SYMBOL_LABELS = {
    "mulai": "Mulai",
    "proses": "Proses",
    "keputusan": "Keputusan",
    "selesai": "Selesai",
}

FLOWCHART_MODES = ("connected", "symbols")
"""How the procedure table draws the flowchart: symbols joined by arrows, or symbols only."""

OUTLINE_UNITS = 300
"""At most this many units in the catalogue page's "Katalog per unit" outline."""

UrlFor = Callable[[str], str]
"""Turns a site-relative path ("sop/…/28.8.1.10/") into a URL usable from the current page."""


class Renderer:
    """Renders pages; templates are compiled once and reused for every page."""

    def __init__(
        self,
        override_dirs: Iterable[str | Path] = (),
        *,
        flowchart: str = "connected",
        paper: str | None = None,
        schedule: Schedule | None = None,
        print_min_size: float = SMALLEST_PT,
    ) -> None:
        if flowchart not in FLOWCHART_MODES:
            raise ValueError(f"flowchart must be one of {', '.join(FLOWCHART_MODES)}, not {flowchart!r}")
        self.flowchart = flowchart
        # monitoring and review fall due against the build date (portal/lifecycle.py)
        self.schedule = schedule or Schedule.default()
        # printed sheets: breaks planned for the site's paper (sheets.py); None: no plan
        self.papers = (paper,) if paper else ()
        self.print_min_size = print_min_size  # the smallest table text on paper (sheets.SCALES)
        loaders = [FileSystemLoader(str(d)) for d in override_dirs if Path(d).is_dir()]
        loaders.append(PackageLoader("sopbook", "templates"))
        self.env = Environment(
            loader=ChoiceLoader(loaders),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,  # one Renderer per build (`mkdocs serve` makes a new one): no stat per page
        )
        self.env.globals["symbol_labels"] = SYMBOL_LABELS
        self.env.globals["state_labels"] = STATE_LABELS
        self.env.globals["lifecycle_of"] = self.schedule.of  # unit tables mark what is overdue
        self.env.filters["tanggal"] = lambda when: format_date(when) if when else "-"
        self.env.filters["soft_hyphens"] = soft_hyphens  # whole words in narrow columns

    def render(self, name: str, **context: Any) -> str:
        return self.env.get_template(name).render(**context)

    def sop_page(
        self,
        entry: Entry,
        *,
        url: UrlFor,
        links: dict[str, Entry] | None = None,
        cited_by: list[Entry] | None = None,
        swimlane: dict[str, str] | None = None,
        last_changed: Any = None,
        **extra: Any,
    ) -> str:
        """The SOP's page body in the official layout.

        `links` maps Keterkaitan/Keterangan texts to the SOPs they name (rendered as links);
        `cited_by` lists the SOPs that reference this one ("Dirujuk oleh"); `swimlane`
        carries the diagram (`mode`, `source`, `renderer`), None to leave it out.
        """
        targets = links or {}

        def text(item: str) -> Markup:
            target = targets.get(item)
            if target is None:
                return escape(item)
            return Markup('<a class="sop-ref" href="{}">{}</a>').format(url(target.path), item)

        chart = build_chart(entry.sop) if self.flowchart == "connected" else None
        return self.render(
            "sop.html",
            sop=entry.sop,
            entry=entry,
            url=url,
            text=text,
            cited_by=cited_by or [],
            swimlane=swimlane,
            links=targets,
            last_changed=last_changed,
            last_changed_text=format_date(last_changed) if last_changed else "",
            flowchart_chart=chart,
            print_breaks=(print_breaks(entry.sop, chart, self.papers, logo=extra.get("logo") is not None,
                                       min_size=self.print_min_size)
                          if chart is not None and self.papers else None),
            lifecycle=self.schedule.of(entry.sop),
            version=sop_version(entry.sop),
            **extra,
        )

    def monitoring_page(self, catalogue: Catalogue, *, url: UrlFor, forms: UrlFor | None = None, **extra: Any) -> str:
        """"Pemantauan SOP": per unit, how many SOPs are monitored and evaluated in time, and
        which are overdue (nothing overdue: no list). `forms(node)` gives the address of the
        unit's blank Tabel 7, None for none."""
        return self.render(
            "monitoring.html",
            summaries=unit_summaries(catalogue.units(), self.schedule.today, self.schedule.interval),
            today=self.schedule.today,
            url=url,
            forms=forms,
            **extra,
        )

    def tabel7_form(self, node: OrgNode, *, paper: Paper) -> str:
        """Tabel 7 "Monitoring Pelaksanaan SOP AP" for `node`, blank, pre-filled with its own
        SOPs in force (drafts, revoked SOPs and samples left out): a whole HTML document."""
        entries = [e for e in node.entries if self.schedule.of(e.sop).watched]
        footer = f"Monitoring Pelaksanaan SOP AP (Tabel 7) - {node.name}"
        return self.render(
            "forms/tabel7.html", node=node, names=[n.name for n in node.lineage], entries=entries,
            paper=paper, today=self.schedule.today, footer_css=Markup(css_string(footer)),
        )

    def evaluation_form(self, entry: Entry, *, paper: Paper) -> str:
        """The blank evaluation form of one SOP (the seven criteria): a whole HTML document."""
        footer = f"Evaluasi SOP - Nomor SOP {entry.sop.number or '-'} - {shorten(entry.sop.title, 60)}"
        return self.render(
            "forms/evaluasi.html", sop=entry.sop, entry=entry, version=sop_version(entry.sop),
            criteria=CRITERIA, paper=paper, today=self.schedule.today, footer_css=Markup(css_string(footer)),
        )

    def search_text(self, entry: Entry, *, cited_by: list[Entry] | None = None) -> str:
        """The SOP as the search index should see it: text and section headings only."""
        return self.render("search.html", sop=entry.sop, entry=entry, cited_by=cited_by or [])

    def unit_page(self, node: OrgNode, *, url: UrlFor, **extra: Any) -> str:
        """Catalogue of one organisation unit."""
        return self.render("unit.html", node=node, url=url, **extra)

    def catalogue_page(
        self, catalogue: Catalogue, references: References, *, url: UrlFor, data_url: str, **extra: Any
    ) -> str:
        """The catalogue of every SOP (rows come from catalogue.json) and the missing SOPs."""
        return self.render(
            "catalogue.html",
            catalogue=catalogue,
            outline_depth=catalogue.outline_depth(OUTLINE_UNITS),
            missing=references.missing,
            url=url,
            data_url=data_url,
            **extra,
        )


def template_problem(error: TemplateError, page: str) -> str:
    """A one-line message for a template that failed while making `page` (e.g. a site's
    override using a name that does not exist): the template file and line, and the error."""
    where = getattr(error, "filename", None) or getattr(error, "name", None)
    line = getattr(error, "lineno", None)
    traceback = error.__traceback__
    while traceback is not None:  # Jinja puts the template's own file and line in the frames
        filename = traceback.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".jinja", ".j2")):
            where, line = filename, traceback.tb_lineno
        traceback = traceback.tb_next
    place = f"{where}:{line}" if where and line else (where or "?")
    return say("template.error", page=page, where=place, detail=error.message or type(error).__name__)
