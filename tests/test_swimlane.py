"""Mermaid swimlane source (no browser): lanes, nodes, shapes, flow, escaping."""

from __future__ import annotations

import re

import pytest

from sopbook.sop.model import Sop
from sopbook.drawing.swimlane import mermaid_text, shorten, swimlane_source

SOP = Sop.model_validate(
    {
        "nama": "Contoh",
        "pelaksana": ["Kepala Dinas", "Sekretaris", "Bagian Organisasi/Inspektorat"],
        "langkah": [
            {"uraian": "Menerima surat", "pelaksana": "Kepala Dinas", "waktu": "5 menit"},
            {"uraian": "Memeriksa berkas", "pelaksana": "Sekretaris", "simbol": "keputusan", "ya": 3, "tidak": 1},
            {"uraian": "Mengirim laporan", "pelaksana": "Bagian Organisasi/Inspektorat", "waktu": "1 hari"},
        ],
    }
)


def test_one_lane_per_actor_in_declared_order_with_its_steps():
    source = swimlane_source(SOP)
    assert source.startswith("---\nconfig:\n  theme: default\n  swimlane:\n    ignoreCrossLaneEdges: false\n---\nswimlane-beta TD\n")
    lanes = re.findall(r'subgraph (L\d+)\["(.*?)"\]', source)
    assert lanes == [
        ("L0", "Kepala Dinas"),
        ("L1", "Sekretaris"),
        ("L2", "Bagian<br/>Organisasi#47;Inspektorat"),  # long names wrap in the header
    ]
    blocks = re.findall(r"subgraph (L\d)\[.*?\n(.*?)  end", source, re.S)
    assert [re.findall(r"\b(s\d+)[\[\(\{]", body) for _, body in blocks] == [["s1"], ["s2"], ["s3"]]


def test_shapes_follow_the_sop_symbols_and_waktu_sits_in_the_node():
    source = swimlane_source(SOP)
    assert 's1(["1#46; Menerima surat<br/>#40;5 menit#41;"])' in source  # terminator: start
    assert 's2{"2#46; Memeriksa berkas"}' in source  # diamond: decision
    assert 's3(["3#46; Mengirim laporan<br/>#40;1 hari#41;"])' in source  # terminator: end


def test_flow_and_labelled_decision_branches():
    edges = re.findall(r"^  (s\d) -->(\|\w+\|)? (s\d)$", swimlane_source(SOP), re.M)
    assert edges == [("s1", "", "s2"), ("s2", "|Ya|", "s3"), ("s2", "|Tidak|", "s1")]


def test_flowchart_fallback_uses_subgraphs_with_direction():
    source = swimlane_source(SOP, engine="flowchart")
    assert source.startswith("flowchart TD\n")
    assert source.count("direction TB") == 3
    with pytest.raises(ValueError, match="unknown swimlane engine"):
        swimlane_source(SOP, engine="dot")


@pytest.mark.parametrize(
    "text",
    ['"]) --> x', "a;b|c", "`code`", "<b>tebal</b>", "%%{init: {}}%%", "click s1 call alert()",
     "style s1 fill:red", "end", "#quot;", "Ünïcödé 中文 \u202e", "x\ny"],
)
def test_text_becomes_entity_codes_only(text):
    encoded = mermaid_text(text)
    assert re.fullmatch(r"(?:[A-Za-z0-9 ]|#\d+;)*", encoded)
    decoded = re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), encoded)
    assert decoded == " ".join(text.split())


def test_long_texts_are_shortened_at_a_word():
    text = "Menerima surat dari Kecamatan terkait permintaan Laporan Capaian Kinerja dan memberikan disposisi"
    short = shorten(text, 40)
    assert len(short) <= 40 and short.endswith("…") and text.startswith(short[:-1])
    assert shorten("pendek", 40) == "pendek"
