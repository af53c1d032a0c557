"""Site options for the swimlane, and sites that already use mkdocs-mermaid2-plugin."""

from __future__ import annotations

import time

from browser import SiteServer
from conftest import SMALL_SITE_CONFIG
from sops import decision, sop_yaml, step
from diagram import read_diagram

SOP = sop_yaml(
    "Uji Diagram",
    "1.1",
    organisasi=["Pemerintah Kota Uji"],
    tanggal_pengesahan=None,
    langkah=[step("Menerima surat", "Lurah"), decision("Memeriksa", "Staf", ya=3, tidak=1), step("Mengarsipkan", "Staf")],
)
PAGE = "sop/pemerintah-kota-uji/1.1"


def configure(small_site, options: str = "", extra: str = ""):
    config = SMALL_SITE_CONFIG.replace("  - sopbook\n", f"  - sopbook:\n{options}" if options else "  - sopbook\n")
    (small_site.root / "mkdocs.yml").write_text(config + extra)
    small_site.add("a.yml", SOP)
    done = small_site.build()
    assert done.returncode == 0, done.stdout + done.stderr
    return small_site.page(PAGE)


def test_swimlane_off_leaves_out_diagram_and_mermaid(small_site):
    page = configure(small_site, "      swimlane: off\n")
    assert page.select_one(".sop-swimlane") is None
    assert "mermaid" not in str(page)
    assert not (small_site.site / "assets" / "sopbook" / "mermaid").exists()


def test_flowchart_engine_fallback(small_site):
    page = configure(small_site, "      swimlane_engine: flowchart\n")
    assert page.select_one("pre.mermaid code").get_text().startswith("flowchart TD\n")


def test_collapsed_swimlane_renders_when_opened(small_site, browser):
    page = configure(small_site, "      swimlane: collapsed\n")
    details = page.select_one("details.sop-swimlane")
    assert details is not None and not details.has_attr("open")
    assert details.summary.get_text() == "Diagram Alir (Swimlane)"
    server = SiteServer(small_site.site)
    tab = browser.new_page()
    try:
        tab.goto(server.url + PAGE + "/")
        time.sleep(1)
        assert read_diagram(tab).svg_count == 0  # nothing drawn while closed
        tab.eval("document.querySelector('details.sop-swimlane summary').click()")
        tab.wait_until("document.querySelector('details.sop-swimlane svg') !== null")
        diagram = read_diagram(tab)
        assert sorted(diagram.nodes) == [1, 2, 3]
        assert [label for _, (label, _) in sorted(diagram.lanes.items())] == ["Lurah", "Staf"]
        assert tab.console_errors() == []
        assert [u for u in tab.requested_urls() if not u.startswith((server.url, "data:"))] == []
    finally:
        tab.close()
        server.close()


MERMAID2 = """\
  - mermaid2:
      javascript: assets/sopbook/mermaid/mermaid.min.js
"""


def test_sites_using_mermaid2_keep_working_offline(small_site, browser):
    (small_site.root / "mkdocs.yml").write_text(SMALL_SITE_CONFIG.replace("  - sopbook\n", "  - sopbook\n" + MERMAID2))
    small_site.add("a.yml", SOP)
    done = small_site.build()
    assert done.returncode == 0, done.stdout + done.stderr
    page = small_site.page(PAGE)
    assert page.select_one("div.mermaid") is not None and page.select_one("pre.mermaid") is None
    sources = [s["src"] for s in page.find_all("script", src=True)]
    assert "../../../assets/sopbook/mermaid/mermaid.min.js" in sources
    assert not any(s.endswith("mermaid-loader.js") for s in sources)
    init = [s.get_text() for s in page.find_all("script") if "mermaid.initialize" in s.get_text()]
    assert init and "securityLevel" in init[0] and "strict" in init[0]
    server = SiteServer(small_site.site)
    tab = browser.new_page()
    try:
        tab.goto(server.url + PAGE + "/")
        tab.wait_until("document.querySelector('div.mermaid svg') !== null")
        diagram = read_diagram(tab)
        assert sorted(diagram.nodes) == [1, 2, 3]
        assert tab.console_errors() == []
        assert [u for u in tab.requested_urls() if not u.startswith((server.url, "data:"))] == []
    finally:
        tab.close()
        server.close()
