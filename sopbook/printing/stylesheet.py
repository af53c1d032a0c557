"""The print stylesheet of the portal: the `@page` size of the `paper` option, then
`assets/print.css` and the paper's sheet-plan rules."""

from __future__ import annotations

from pathlib import Path

from .paper import MARGINS, PAPERS
from .breaks import paper_rules

ASSETS = Path(__file__).parent.parent / "assets"


def print_stylesheet(paper: str = "a4", *, swimlane: bool = False) -> str:
    """The print stylesheet of the portal: the page size, then `assets/print.css`."""
    sheet = PAPERS[paper]
    head = (
        f"/* {sheet.label}, landscape ({sheet.width:g} x {sheet.height:g} mm): option `paper` */\n"
        f"@page {{ size: {sheet.css_size}; margin: {MARGINS}; }}\n"
        f":root {{ --sop-print-height: {sheet.height - 50:g}mm; }} /* a diagram's height on a sheet */\n"
    )
    body = (ASSETS / "print.css").read_text(encoding="utf-8")
    body += paper_rules(paper)
    if not swimlane:
        body += "@media print { .md-typeset .sop-swimlane { display: none !important; } }\n"
    else:
        body += "@media print { .md-typeset details.sop-swimlane:not([open]) { display: none; } }\n"
    return head + body

