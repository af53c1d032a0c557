"""Rendering without MkDocs: escaping of everything that comes from YAML."""

from __future__ import annotations

import itertools
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sops import sop_dict, step

from sopbook.portal.catalogue import Catalogue
from sopbook.sop.loading import LoadedSop, Positions
from sopbook.sop.model import Sop
from sopbook.render import Renderer

RENDERER = Renderer()
TOKENS = ["<script>", "</td>", "<img src=x onerror=alert(1)>", '" onmouseover="x', "'", "&amp;", "{{ 7*7 }}", "%%", "a", "é", "中", "\u202e", "\n"]
HOSTILE = st.one_of(
    st.text(min_size=1, max_size=30),
    st.lists(st.sampled_from(TOKENS) | st.text(max_size=3), min_size=1, max_size=8).map("".join),
).filter(lambda s: s.strip() and '\x00' not in s)


def entry_for(data: dict):
    sop = Sop.model_validate(data)
    catalogue = Catalogue([LoadedSop(sop, Path("x.yml"), "x.yml", Positions())])
    return catalogue.entries[0]


def document(texts: list[str], actors: list[str]) -> dict:
    t = itertools.cycle(texts)
    return sop_dict(
        organisasi=[next(t), next(t)],
        nomor=next(t),
        nama=next(t),
        tanggal_pengesahan=None,
        tanggal_pembuatan="2017",
        disahkan_oleh=next(t),
        dasar_hukum=[next(t), next(t)],
        kualifikasi_pelaksana=[next(t)],
        keterkaitan=[next(t)],
        peralatan_perlengkapan=[next(t)],
        peringatan=[next(t)],
        pencatatan_pendataan=[next(t)],
        pelaksana=actors,
        langkah=[
            step(next(t), actors[i % len(actors)], kelengkapan=[next(t)], waktu="5 menit", output=next(t), keterangan=next(t))
            for i in range(3)
        ],
        penandatangan={"jabatan": next(t), "nama": next(t), "pangkat": next(t), "nip": next(t)},
    )


class Shape(HTMLParser):
    """Every tag and attribute name in a document, and all attribute values."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, tuple[str, ...]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, tuple(sorted(name for name, _ in attrs))))


def shape(html: str):
    parser = Shape()
    parser.feed(html)
    return parser.tags


def url(path: str) -> str:
    return "/" + path


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(HOSTILE, min_size=5, max_size=12), actors=st.lists(HOSTILE, min_size=1, max_size=4, unique_by=str.strip))
def test_no_field_can_inject_a_tag_or_attribute(texts, actors):
    actors = [a.strip() for a in actors]
    hostile = RENDERER.sop_page(entry_for(document(texts, actors)), url=url)
    benign_actors = [f"A{i}" for i in range(len(actors))]
    benign = RENDERER.sop_page(entry_for(document(["x"] * len(texts), benign_actors)), url=url)
    # the same structure, whatever the text: no tag or attribute came from the input
    assert shape(hostile) == shape(benign)
    assert "<script" not in hostile.lower()
    assert not any(name.startswith("on") for _, names in shape(hostile) for name in names)


def test_markup_in_text_is_shown_as_text():
    html = RENDERER.sop_page(entry_for(document(['<b>"tebal"</b> & <i>'], ["Lurah"])), url=url)
    assert "&lt;b&gt;&#34;tebal&#34;&lt;/b&gt; &amp; &lt;i&gt;" in html
