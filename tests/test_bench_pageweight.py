"""The slow-line measurement (bench/pageweight.py) runs, and an SOP page opened on a phone
fetches nothing of Mermaid before the reader asks for the swimlane, served plain or
precompressed. No timing is asserted: the targets are the benchmark's job (bench/README.md)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "bench"))

from pageweight import find_page, measure  # noqa: E402


@pytest.mark.parametrize("served", ["plain", "gzip"])
def test_an_sop_page_on_a_slow_line_fetches_no_mermaid(portal_site, chromium, slow, served):
    weight = measure(portal_site, find_page(portal_site), served=served)
    assert weight.table_s is not None and weight.load_s is not None and weight.first_paint_s is not None
    assert 0 < weight.bytes_before_table <= weight.total_bytes
    assert weight.mermaid_bytes == 0
    assert not any("mermaid.min.js" in name for _, name in weight.largest)
    assert weight.encodings == ("none" if served == "plain" else "gzip")
    assert weight.total_bytes < 1_000_000


def test_only_the_catalogue_page_loads_the_catalogue_script(portal_site):
    sop_page = (portal_site / find_page(portal_site) / "index.html").read_text()
    catalogue = (portal_site / "katalog" / "index.html").read_text()
    assert "katalog.js" not in sop_page
    assert 'assets/sopbook/katalog.js" defer' in catalogue
    assert "mermaid.min.js" not in sop_page and "mermaid-lanes.js" not in sop_page  # fetched on request
