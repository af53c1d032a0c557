"""Whole words in the printed (and on-screen) tables: soft hyphens at Indonesian syllable
boundaries in long words, and a break opportunity after a slash ("Organisasi/Inspektorat").

A browser wraps table text between words only (print.css: `overflow-wrap: normal`), so a word
wider than its column widens the column. Where a long word must break all the same (a narrow
actor column), it breaks at one of these soft hyphens and shows a hyphen there, never in the
middle of a syllable. Chromium has no Indonesian hyphenation dictionary offline; the rules of
Indonesian syllables are regular enough to place the hyphens here:

* a consonant between two vowels starts the second syllable (ke-la-pa);
* of two or more consonants between vowels, the last starts the next syllable (ker-ja,
  in-for-ma-si), or the last two when they are a cluster such as "tr" after a third
  (in-struk-si, ad-mi-nis-tra-si);
* "ng", "ny", "sy", "kh" are one consonant (pe-nga-wa-san, me-nya-lin);
* two vowels side by side split (di-a), except the diphthongs "ai", "au", "oi", "ei".

No syllable of fewer than two letters is split off at either end. No MkDocs here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from markupsafe import Markup, escape

__all__ = ["SHY", "ZWSP", "hyphenate", "soft_hyphens", "MIN_WORD"]

SHY = "\u00ad"
ZWSP = "\u200b"

MIN_WORD = 8
"""Words shorter than this get no soft hyphens (they fit any column)."""

VOWELS = set("aeiouAEIOU")
DIGRAPHS = ("ng", "ny", "sy", "kh")
DIPHTHONGS = ("ai", "au", "oi", "ei")
CLUSTERS = ("tr", "pr", "kr", "br", "dr", "gr", "fr", "pl", "kl", "bl", "fl", "gl", "sl")
"""Two consonants that start a syllable together after a third one (in-struk-si)."""
_WORD = re.compile(r"[A-Za-z]+")


def _units(word: str) -> list[str]:
    """Letters grouped into sounds: a digraph is one consonant."""
    units: list[str] = []
    i = 0
    while i < len(word):
        pair = word[i:i + 2]
        if len(pair) == 2 and pair.lower() in DIGRAPHS:
            units.append(pair)
            i += 2
        else:
            units.append(word[i])
            i += 1
    return units


def _vowel(unit: str) -> bool:
    return len(unit) == 1 and unit in VOWELS


@lru_cache(maxsize=1 << 14)
def hyphenate(word: str) -> str:
    """`word` (letters only) with soft hyphens at its syllable boundaries."""
    if len(word) < MIN_WORD:
        return word
    units = _units(word)
    cuts: set[int] = set()  # unit index where a new syllable starts
    vowels = [i for i, u in enumerate(units) if _vowel(u)]
    for left, right in zip(vowels, vowels[1:]):
        between = right - left - 1
        if between == 0:
            if (units[left] + units[right]).lower() not in DIPHTHONGS:
                cuts.add(right)
        elif between >= 3 and (units[right - 2] + units[right - 1]).lower() in CLUSTERS:
            cuts.add(right - 2)  # in-struk-si, ad-mi-nis-tra-si
        else:
            cuts.add(right - 1)  # the last consonant starts the next syllable
    pieces: list[str] = []
    start = 0
    for index in sorted(cuts):
        pieces.append("".join(units[start:index]))
        start = index
    pieces.append("".join(units[start:]))
    # never split off fewer than two letters at either end
    while len(pieces) > 1 and len(pieces[0]) < 2:
        pieces[0:2] = [pieces[0] + pieces[1]]
    while len(pieces) > 1 and len(pieces[-1]) < 2:
        pieces[-2:] = [pieces[-2] + pieces[-1]]
    return SHY.join(pieces)


def soft_hyphens(text: object, fits: Callable[[str], bool] | None = None) -> Markup:
    """`text`, escaped, with a break opportunity after each slash between letters and, given
    `fits` (whether a word fits its column whole), soft hyphens in the words that do not.
    A word that fits gets none: a browser breaks at a soft hyphen whenever that fills a line
    better, even where the word would fit whole on the next line."""
    raw = str(text)
    if fits is not None:
        out = _WORD.sub(lambda m: m.group(0) if fits(m.group(0)) else hyphenate(m.group(0)), raw)
    else:
        out = raw
    out = re.sub(r"(?<=\w)/(?=\w)", "/" + ZWSP, out)
    return Markup(escape(out))
