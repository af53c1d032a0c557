"""Material's search reads words the way people type them.

Material splits the index and the query into words with one regular expression, its search
`separator` (JavaScript syntax). Its default, `[\\s\\-]+`, splits only on spaces and hyphens, so
"Domisili" does not find a title written "[Domisili]" and words next to quotes, `#`, `;`, `/`
or `(` are lost. sopbook's separator also splits on that punctuation, but keeps the dots and
slashes inside SOP numbers (`28.8.1.10`, `400.12/7-2026`, `BKPSDM.1.7-2017`), which the
pages also carry as boosted tags, so full and partial numbers still find their SOP first.
"""

from __future__ import annotations

from typing import Any

__all__ = ["WORD_SEPARATOR", "DEFAULT_SEPARATORS", "use_word_separator"]

WORD_SEPARATOR = (
    # spaces, punctuation, and entities ("&lt;": the index holds titles as HTML)
    r"(?:&(?:[A-Za-z]+|#[0-9]+|#[xX][0-9A-Fa-f]+);"
    r"""|[\s\-\[\](){}<>"'`‘’“”«»#;:,!?|*+=~^&@%$\\_])+"""
    r"|\.(?![0-9A-Za-z])|(?<![0-9A-Za-z])\."  # a dot, except between letters or digits
    r"|/(?!\d)|(?<!\d)/"  # a slash, except between digits (400.12/7)
)
"""Material search `separator` that sopbook sets when the site keeps the default."""

DEFAULT_SEPARATORS = (None, "", r"[\s\-]+")
"""Values of the search plugin's `separator` that mean "not chosen by the site"."""


def use_word_separator(plugins: Any) -> None:
    """Give Material's (or MkDocs') search plugin sopbook's word separator, unless the site's
    mkdocs.yml chose another one.

    Plugins configure in the order of `plugins:`. When `search` comes first (the usual order),
    Material's search has already filled in its default and copied its options into its
    `search_index`, whose options are the ones written to search_index.json: both are set
    (tests/test_search_words.py checks the written index)."""
    for name in ("material/search", "search"):
        search = plugins.get(name)
        options = getattr(search, "config", None)
        if options is None or "separator" not in options:
            continue
        if options["separator"] in DEFAULT_SEPARATORS:
            options["separator"] = WORD_SEPARATOR
            index_options = getattr(getattr(search, "search_index", None), "config", None)
            if isinstance(index_options, dict) and "separator" in index_options:
                index_options["separator"] = WORD_SEPARATOR
        return
