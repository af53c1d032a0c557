"""Bytes a browser downloads from opening a page to seeing search results, measured in
headless Chromium (the test suite's harness, tests/browser.py) with an empty cache."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from browser import Browser, SiteServer  # noqa: E402

MATERIAL = {
    "page": "",
    "input": "input.md-search__input",
    "results": ".md-search-result__item",
}
PAGEFIND = {
    "page": "cari/",
    "input": ".pagefind-ui__search-input",
    "results": ".pagefind-ui__result",
}


def search_bytes(site: Path, query: str, engine: dict, timeout: float = 120) -> tuple[int, int] | None:
    """(total bytes, number of results) for one search, or None when no result appeared."""
    server = SiteServer(site)
    browser = Browser()
    try:
        page = browser.new_page()
        page.send("Network.setCacheDisabled", cacheDisabled=True)
        page.goto(server.url + engine["page"])
        page.eval(
            """(() => { const i = document.querySelector(%s); i.focus(); i.value = %s;
            i.dispatchEvent(new Event('focus')); i.dispatchEvent(new Event('input', {bubbles: true}));
            i.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true})); })()"""
            % (json.dumps(engine["input"]), json.dumps(query))
        )
        count = page.wait_until(f"document.querySelectorAll({json.dumps(engine['results'])}).length", timeout=timeout)
        time.sleep(0.5)
        page.send("Runtime.evaluate", expression="1")  # drain pending events
        total = sum(
            event["params"].get("encodedDataLength", 0)
            for event in page.events
            if event.get("method") == "Network.loadingFinished"
        )
        return total, count
    except TimeoutError:
        return None
    finally:
        browser.close()
        server.close()
