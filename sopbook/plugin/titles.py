"""Texts from SOP files handed to MkDocs and Material as titles, navigation and URLs.

MkDocs and Material treat page titles and navigation titles as HTML (`{{ page.meta.title }}`
in `<title>`, `{{ nav_item.title }}` in the sidebar, breadcrumbs and footer, the title of the
search index, which Material's search shows as HTML). Every text that comes from an SOP file
is therefore handed over escaped, as `markupsafe.Markup`: Jinja's `| e` (footer aria-labels)
leaves it as it is instead of escaping it twice, and `str()` (search index) keeps the
entities.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

__all__ = ["html_text", "edit_path", "nav_page", "nav_section"]


def html_text(text: str) -> Markup:
    """An SOP text as MkDocs and Material expect a title: HTML showing exactly `text`."""
    return escape(text)


def nav_page(title: str, uri: str) -> dict[Markup, str]:
    """A navigation entry `{title: page}` whose title is shown literally."""
    return {html_text(title): uri}


def nav_section(title: str, children: list[Any]) -> dict[Markup, list[Any]]:
    """A navigation section `{title: [...]}` whose title is shown literally."""
    return {html_text(title): children}


def edit_path(source: str | os.PathLike[str], docs_dir: str | os.PathLike[str]) -> str:
    """The SOP file relative to `docs_dir`, as a URL path for Material's edit button: every
    character a file name may hold is percent-encoded (`"`, `<`, `#`, `?`, spaces), so the
    link opens that file and nothing else."""
    relative = Path(os.path.relpath(source, docs_dir)).as_posix()
    return quote(relative, safe="/")
