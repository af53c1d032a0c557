"""The event screen (aliases, nesting, documents) is skipped for text that cannot need it
(`loading.screen_needed`): the shortcut must never let through what the screen refuses."""

import textwrap

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sopbook.sop.loading import load_bytes
from sopbook.sop.yamlread import MAX_DEPTH, screen_needed


def _depth(text: str) -> int:
    depth = deepest = 0
    for event in yaml.parse(text):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            deepest = max(deepest, depth)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return deepest


def _has_alias(text: str) -> bool:
    return any(isinstance(e, yaml.AliasEvent) or getattr(e, "anchor", None) for e in yaml.parse(text))


leaves = st.sampled_from(["x", "Surat masuk & disposisi", "5 menit", "Rp*100", "a:b", ""])
data = st.recursive(
    leaves,
    lambda inner: st.lists(inner, min_size=1, max_size=3)
    | st.dictionaries(st.sampled_from(["uraian", "k", "pelaksana"]), inner, min_size=1, max_size=3),
    max_leaves=60,
)


def _chain(kinds: list[bool]) -> object:
    value: object = "x"
    for is_list in kinds:
        value = [value] if is_list else {"k": value}
    return value


# deep chains around MAX_DEPTH, where the bound matters
chains = st.lists(st.booleans(), min_size=MAX_DEPTH - 6, max_size=MAX_DEPTH + 4).map(_chain)


@settings(max_examples=400, deadline=None)
@given(st.one_of(data, chains), st.sampled_from([2, 3, 4]), st.sampled_from([False, None, True]))
def test_text_the_shortcut_lets_through_is_shallow_and_has_no_alias(value, indent, flow):
    text = yaml.safe_dump({"nama": value}, indent=indent, default_flow_style=flow, allow_unicode=True)
    if not screen_needed(text):
        assert _depth(text) <= MAX_DEPTH
        assert not _has_alias(text)


def test_compact_items_on_one_line_are_screened():
    text = "nama: x\nlangkah:\n" + "- " * (MAX_DEPTH + 1) + "x\n"
    assert screen_needed(text)
    (problem,) = load_bytes(text.encode(), "deep.yml").problems
    assert "bersarang lebih dari" in problem.message


def test_an_alias_after_a_key_is_screened_and_refused():
    text = textwrap.dedent(
        """\
        nomor: &n "1.2"
        nama: *n
        """
    )
    assert screen_needed(text)
    (problem,) = load_bytes(text.encode(), "alias.yml").problems
    assert "alias (*n) tidak boleh dipakai" in problem.message


def test_a_second_document_is_screened():
    assert screen_needed("nama: a\n---\nnama: b\n")


def test_ordinary_sop_text_skips_the_screen():
    text = textwrap.dedent(
        """\
        nomor: "28.8.1.10"
        nama: Penyusunan Laporan & Arsip
        pelaksana: [Lurah, JFU]
        langkah:
          - uraian: Menerima surat (Rp*100) & arsip
            pelaksana: Lurah
            waktu: 5 menit
        """
    )
    assert not screen_needed(text)
    assert load_bytes(text.encode(), "ok.yml").ok
