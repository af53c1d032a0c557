"""Page weight on a slow line: one SOP page as a phone on a slow mobile line sees it.

Headless Debian Chromium (the test suite's harness, tests/browser.py) at 390 px, with
`Network.emulateNetworkConditions` at 400 kbit/s down (50,000 bytes/s), 400 ms round trip and
an empty cache, opens the page served from 127.0.0.1 in two ways:

- `plain`: Python's http.server, no compression (what many intranet servers do);
- `gzip` and `br`: a small server that answers with the `.gz` (or the `.br`) file written
  beside a file (`Content-Encoding`), as nginx `gzip_static`/`brotli_static` or Apache's rewrite
  rules do (Chromium accepts `br` over https and from localhost only: over an intranet's plain
  http it gets the `.gz`).

For each it reports: bytes received before the procedure table is on screen (the first frame
in which the table has a box: render-blocking stylesheets have arrived and it is laid out),
the time to that frame, first contentful paint, the `load` event, and every byte received until
the network is quiet (what the page costs a metered line), with the largest files.

    .venv/bin/python bench/pageweight.py [--project .] [--site SITE] [--page sop/.../bkpsdm.1.7-2017/]

Targets (issue 27; PASS/FAIL): `load` within 15 s served plain; the table within 3 s served
precompressed (gzip, the plain-http case); first paint served plain no later than before
Mermaid waited for the reader (7.3 s, the median of three runs at 7ee5aab).
"""

from __future__ import annotations

import argparse
import functools
import os
import subprocess
import tempfile
import http.server
import json
import mimetypes
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from browser import Browser, SiteServer  # noqa: E402

DOWN_BYTES_PER_S = 400_000 // 8  # 400 kbit/s
UP_BYTES_PER_S = 400_000 // 8
RTT_MS = 400
WIDTH, HEIGHT = 390, 844
TABLE = "table.sop-procedure"
SEED = "bkpsdm.1.7-2017"
LOAD_PLAIN_TARGET = 15.0
TABLE_COMPRESSED_TARGET = 3.0
FIRST_PAINT_BEFORE = 7.3  # s, served plain, before issue 27 (7ee5aab, median of 3 runs: 7.1-7.3; load 123 s, 5.95 MB)

# Runs in the page before its own scripts: notes the first frame in which the procedure table
# has a box. Frames (and so requestAnimationFrame) wait for render-blocking stylesheets.
WATCH = """(() => {
  window.__sopbookTable = null;
  function tick() {
    const table = document.querySelector(%s);
    if (table) {
      const box = table.getBoundingClientRect();
      if (box.width > 0 && box.height > 0) { window.__sopbookTable = performance.now(); return; }
    }
    requestAnimationFrame(tick);
  }
  requestAnimationFrame(tick);
})();""" % json.dumps(TABLE)


class _Precompressed(http.server.SimpleHTTPRequestHandler):
    """Answers with `FILE.br` or `FILE.gz` when it exists and the browser accepts it."""

    encodings: tuple[str, ...] = ("br", "gzip")

    def log_message(self, *args: Any) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the folder
            path = path / "index.html"
        accepted = {part.split(";")[0].strip() for part in self.headers.get("Accept-Encoding", "").split(",")}
        for encoding, suffix in (("br", ".br"), ("gzip", ".gz")):
            packed = path.with_name(path.name + suffix)
            if encoding in self.encodings and encoding in accepted and path.is_file() and packed.is_file():
                handle = packed.open("rb")
                self.send_response(200)
                self.send_header("Content-Type", mimetypes.guess_type(path.name)[0] or "application/octet-stream")
                self.send_header("Content-Encoding", encoding)
                self.send_header("Vary", "Accept-Encoding")
                self.send_header("Content-Length", str(packed.stat().st_size))
                self.end_headers()
                return handle
        return super().send_head()


class PrecompressedServer(SiteServer):
    """SiteServer that serves precompressed files (loopback only): `br` and `gzip`, or only
    `gzip` (nginx with `gzip_static` alone, or a browser that does not accept `br` on http)."""

    def __init__(self, root: Path, encodings: tuple[str, ...] = ("br", "gzip")) -> None:
        handler_class = type("Handler", (_Precompressed,), {"encodings": encodings})
        handler = functools.partial(handler_class, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()


@dataclass
class Weight:
    served: str
    table_s: float | None = None
    bytes_before_table: int = 0
    first_paint_s: float | None = None
    load_s: float | None = None
    total_bytes: int = 0
    mermaid_bytes: int = 0
    largest: list[tuple[int, str]] = field(default_factory=list)
    encodings: str = ""

    def line(self) -> str:
        def s(value: float | None) -> str:
            return "-" if value is None else f"{value:.1f} s"

        return (
            f"{self.served:14} table {s(self.table_s):>7} after {self.bytes_before_table / 1000:7.0f} KB, "
            f"first paint {s(self.first_paint_s):>7}, load {s(self.load_s):>7}, "
            f"total {self.total_bytes / 1e6:5.2f} MB (Mermaid {self.mermaid_bytes / 1e6:.2f} MB)"
        )


def find_page(site: Path, name: str = SEED) -> str:
    """The site-relative folder of the SOP page whose folder is `name`."""
    for index in sorted(site.glob(f"**/{name}/index.html")):
        return index.parent.relative_to(site).as_posix() + "/"
    raise SystemExit(f"no page {name}/ in {site}")


SERVED = ("plain", "gzip", "br")
"""How the files are served: as they are, `.gz` only, `.br` (else `.gz`)."""


def measure(site: Path, page_path: str, *, served: str, timeout: float = 400) -> Weight:
    if served == "plain":
        server = SiteServer(site)
    else:
        server = PrecompressedServer(site, ("gzip",) if served == "gzip" else ("br", "gzip"))
    browser = Browser()
    weight = Weight(served)
    try:
        page = browser.new_page()
        page.send("Network.clearBrowserCache")
        page.send("Network.setCacheDisabled", cacheDisabled=True)
        page.send(
            "Network.emulateNetworkConditions", offline=False, latency=RTT_MS,
            downloadThroughput=DOWN_BYTES_PER_S, uploadThroughput=UP_BYTES_PER_S,
        )
        page.send("Emulation.setDeviceMetricsOverride", width=WIDTH, height=HEIGHT, deviceScaleFactor=1, mobile=True)
        page.send("Page.addScriptToEvaluateOnNewDocument", source=WATCH)
        page.events.clear()
        page.send("Page.navigate", url=server.url + page_path)
        load = page.wait_for("Page.loadEventFired", timeout=timeout)
        _settle(page)
        events = page.events
        requests = {e["params"]["requestId"]: e["params"] for e in events if e.get("method") == "Network.requestWillBeSent"}
        start = min(r["timestamp"] for r in requests.values())
        weight.load_s = load["params"]["timestamp"] - start
        table_ms = page.eval("window.__sopbookTable")
        weight.table_s = None if table_ms is None else table_ms / 1000
        paints = page.eval(
            "performance.getEntriesByType('paint').filter(e => e.name === 'first-contentful-paint').map(e => e.startTime)"
        )
        weight.first_paint_s = paints[0] / 1000 if paints else None
        finished = {e["params"]["requestId"]: e["params"] for e in events if e.get("method") == "Network.loadingFinished"}
        chunks = [e["params"] for e in events if e.get("method") == "Network.dataReceived"]
        responses = {e["params"]["requestId"]: e["params"] for e in events if e.get("method") == "Network.responseReceived"}
        weight.total_bytes = sum(f["encodedDataLength"] for f in finished.values())
        if weight.table_s is not None:
            limit = start + weight.table_s
            # whole responses finished by then, plus what had arrived of those still coming
            done = {rid for rid, f in finished.items() if f["timestamp"] <= limit}
            weight.bytes_before_table = sum(finished[rid]["encodedDataLength"] for rid in done) + sum(
                c["encodedDataLength"] for c in chunks if c["requestId"] not in done and c["timestamp"] <= limit
            )
        sizes = []
        for rid, f in finished.items():
            url = requests.get(rid, {}).get("request", {}).get("url", "?")
            sizes.append((f["encodedDataLength"], url.split("/")[-1] or url))
            if "mermaid" in url and url.endswith(".js") and "loader" not in url:
                weight.mermaid_bytes += f["encodedDataLength"]
        weight.largest = sorted(sizes, reverse=True)[:5]
        encodings = {r.get("response", {}).get("headers", {}).get("Content-Encoding", "") for r in responses.values()}
        weight.encodings = ",".join(sorted(e for e in encodings if e)) or "none"
        page.close()
    finally:
        browser.close()
        server.close()
    return weight


def _settle(page: Any, quiet: float = 3.0, limit: float = 300) -> None:
    """Wait until the network has been quiet for `quiet` seconds (a download in progress
    reports `Network.dataReceived` all along). Requests of the search worker have no
    `loadingFinished` in the page's session, so in-flight requests are not counted."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        count = len(page.events)
        time.sleep(quiet)
        page.send("Runtime.evaluate", expression="1")  # collects the events sent meanwhile
        if not any(str(e.get("method", "")).startswith("Network.") for e in page.events[count:]):
            return


def median(weights: list[Weight]) -> Weight:
    """The run with the median time to the table (the runs differ by scheduling only)."""
    ordered = sorted(weights, key=lambda w: (w.table_s is None, w.table_s or 0))
    return ordered[len(ordered) // 2]


def build(project: Path, site: Path) -> None:
    """`mkdocs build` of `project` into `site` (precompressed copies included, the default)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SOPBOOK_PRECOMPRESS", None)
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    subprocess.run(command, check=True, cwd=project, env=env)


def targets(results: dict[str, Weight]) -> list[tuple[str, bool]]:
    checks = []
    plain, packed = results.get("plain"), results.get("gzip") or results.get("br")
    if plain is not None:
        checks.append((f"load served plain <= {LOAD_PLAIN_TARGET:g} s", plain.load_s is not None and plain.load_s <= LOAD_PLAIN_TARGET))
        checks.append((
            f"first paint served plain <= {FIRST_PAINT_BEFORE:g} s (before)",
            plain.first_paint_s is not None and plain.first_paint_s <= FIRST_PAINT_BEFORE + 0.05,
        ))
    if packed is not None:
        checks.append((
            f"table served {packed.served} <= {TABLE_COMPRESSED_TARGET:g} s",
            packed.table_s is not None and packed.table_s <= TABLE_COMPRESSED_TARGET,
        ))
    return checks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", type=Path, default=Path(__file__).resolve().parent.parent,
                        help="the project to build (default: this repository)")
    parser.add_argument("--site", type=Path, help="measure this built site instead of building one")
    parser.add_argument("--page", help=f"site-relative folder of the page (default: the {SEED} seed)")
    parser.add_argument("--served", default=",".join(SERVED), help="comma-separated: plain, gzip, br")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each, the median is shown")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sopbook-pageweight-") as folder:
        site = args.site
        if site is None:
            site = Path(folder) / "site"
            build(args.project.resolve(), site)
        page_path = args.page or find_page(site)
        results: dict[str, Weight] = {}
        for served in args.served.split(","):
            weight = median([measure(site, page_path, served=served) for _ in range(args.repeat)])
            results[served] = weight
            if not args.json:
                print(weight.line(), f"[{weight.encodings}]", flush=True)
                for size, name in weight.largest:
                    print(f"{'':16}{size / 1000:9.1f} KB  {name[-60:]}")
    checks = targets(results)
    if args.json:
        print(json.dumps({"results": [w.__dict__ for w in results.values()], "targets": checks}, indent=1))
    else:
        for label, ok in checks:
            print(f"{'PASS' if ok else 'FAIL'}  {label}")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    raise SystemExit(main())
