"""The `flowchart` site option: the connected chart by default, symbols only on request, a
clear error for an unknown value; the Mermaid swimlane is drawn beside the chart either way."""

from __future__ import annotations

from conftest import SMALL_SITE_CONFIG
from sops import decision, sop_yaml, step

STAF = "Staf <b>Umum</b>"
SOP = sop_yaml(
    "Uji Bagan",
    "1.1",
    organisasi=["Pemerintah Kota Uji"],
    tanggal_pengesahan=None,
    langkah=[step("Menerima surat", "Lurah"), decision("Memeriksa", STAF, ya=3, tidak=1), step("Mengarsipkan", STAF)],
)
PAGE = "sop/pemerintah-kota-uji/1.1"


def build(small_site, options: str = ""):
    config = SMALL_SITE_CONFIG.replace("  - sopbook\n", f"  - sopbook:\n{options}" if options else "  - sopbook\n")
    (small_site.root / "mkdocs.yml").write_text(config)
    small_site.add("a.yml", SOP)
    return small_site.build()


def test_connected_chart_is_the_default_and_the_swimlane_stays(small_site):
    done = build(small_site)
    assert done.returncode == 0, done.stdout + done.stderr
    page = small_site.page(PAGE)
    table = page.select_one("table.sop-procedure")
    symbols = table.select("svg.sop-fc-symbol")
    assert [s["data-step"] for s in symbols] == ["1", "2", "3"]
    assert symbols[1]["aria-label"] == "Langkah 2, keputusan, Staf <b>Umum</b>"
    assert symbols[1].title.string == "Langkah 2, keputusan, Staf <b>Umum</b>"
    assert not table.select("b"), "an actor's markup reached the page as markup"
    # 1 -> 2, Ya 2 -> 3, Tidak 2 -> 1: three arrow heads, each inside the right table row
    arrows = table.select(".sop-fc-arrow")
    assert sorted(a["data-to"] for a in arrows) == ["1", "2", "3"]
    for arrow in arrows:
        assert arrow.find_parent("tr")["id"] == f"langkah-{arrow['data-to']}"
    assert [t.string for t in table.select(".sop-fc-label")] == ["Ya", "Tidak"]
    assert page.select_one(".sop-swimlane, .mermaid, pre.mermaid, .sop-mermaid-deferred") is not None


def test_symbols_option_draws_symbols_alone(small_site):
    done = build(small_site, "      flowchart: symbols\n")
    assert done.returncode == 0, done.stdout + done.stderr
    table = small_site.page(PAGE).select_one("table.sop-procedure")
    assert not table.select("svg") and not table.select(".sop-fc-mark")
    assert len(table.select(".sop-sym")) == 3
    assert "Tidak → 1" in table.get_text()


def test_unknown_flowchart_value_fails_the_build_naming_the_option(small_site):
    done = build(small_site, "      flowchart: garis\n")
    assert done.returncode != 0
    assert "flowchart" in done.stderr and "connected" in done.stderr
    assert not small_site.site.exists()
