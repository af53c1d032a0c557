"""The built portal works offline: no script, stylesheet or font from http(s)."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

REMOTE = re.compile(r"^\s*(https?:)?//", re.I)
CSS_REMOTE = re.compile(r"(@import\s+(url\()?\s*['\"]?|url\(\s*['\"]?)(https?:)?//", re.I)


def test_no_remote_script_stylesheet_or_font(content_site):
    offenders = []
    pages = list(content_site.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        doc = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag in doc.find_all("script", src=True):
            if REMOTE.match(tag["src"]):
                offenders.append(f"{path}: script {tag['src']}")
        for tag in doc.find_all("link", href=True):
            rel = " ".join(tag.get("rel", []))
            if REMOTE.match(tag["href"]) and any(k in rel for k in ("stylesheet", "preload", "preconnect", "prefetch", "modulepreload", "icon")):
                offenders.append(f"{path}: link[{rel}] {tag['href']}")
        for style in doc.find_all("style"):
            if CSS_REMOTE.search(style.get_text()):
                offenders.append(f"{path}: <style> with a remote url()")
        for tag in doc.find_all(style=True):
            if CSS_REMOTE.search(tag["style"]):
                offenders.append(f"{path}: style attribute with a remote url()")
    for path in content_site.rglob("*.css"):
        if CSS_REMOTE.search(path.read_text(encoding="utf-8", errors="replace")):
            offenders.append(f"{path}: remote @import/url()")
    assert offenders == []


def test_mermaid_is_shipped_with_its_licence(content_site):
    mermaid = content_site / "assets" / "sopbook" / "mermaid"
    assert (mermaid / "mermaid.min.js").stat().st_size > 1_000_000
    assert "MIT" in (mermaid / "LICENSE").read_text()
    page = next((content_site / "sop").rglob("index.html")).read_text()
    scripts = re.findall(r'<script src="([^"]+)"', page)
    loader = [s for s in scripts if s.endswith("assets/sopbook/mermaid-loader.js")]
    assert loader, scripts
