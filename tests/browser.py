"""A small real-browser harness for the tests: Debian chromium, headless, driven over the
DevTools protocol (websocket-client), plus a static file server on 127.0.0.1.

No mocks: pages are the built site, served over HTTP, rendered by a real Chromium.
"""

from __future__ import annotations

import base64
import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

import websocket

from sopbook.printing.chromium import FLAGS, find_chromium

# sopbook pdf's flags (closed network: no background connections), with a debugging port
# instead of its pipe, and no font hinting override: screenshots use Chromium's defaults
CHROMIUM_FLAGS = [
    flag for flag in FLAGS if flag not in ("--remote-debugging-pipe", "--font-render-hinting=none")
] + ["--disable-quic", "--remote-allow-origins=*"]


chromium_path = find_chromium
"""The Chromium program ($SOPBOOK_CHROMIUM, else chromium and its other names), or None."""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:  # keep test output clean
        pass


class SiteServer:
    """Serves a folder on 127.0.0.1 (random free port) in a background thread."""

    def __init__(self, root: Path) -> None:
        handler = functools.partial(_QuietHandler, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class Page:
    """One browser tab, driven over its DevTools websocket."""

    def __init__(self, ws_url: str) -> None:
        self.ws = websocket.create_connection(ws_url, timeout=60, suppress_origin=True)
        self._id = 0
        self.events: list[dict[str, Any]] = []
        self.send("Page.enable")
        self.send("Runtime.enable")
        self.send("Network.enable")
        self.send("Log.enable")
        # every document starts with empty storage: no palette or search state carried over
        self.send("Page.addScriptToEvaluateOnNewDocument", source="try { localStorage.clear(); sessionStorage.clear(); } catch (e) {}")

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        self._id += 1
        ident = self._id
        self.ws.send(json.dumps({"id": ident, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == ident:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, method: str, timeout: float = 30) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        for event in self.events:
            if event.get("method") == method:
                return event
        while time.monotonic() < deadline:
            self.ws.settimeout(max(0.1, deadline - time.monotonic()))
            message = json.loads(self.ws.recv())
            self.events.append(message)
            if message.get("method") == method:
                return message
        raise TimeoutError(method)

    def goto(self, url: str, width: int = 1280, height: int = 900, dark: bool = False) -> None:
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=width < 600,
        )
        self.send(
            "Emulation.setEmulatedMedia",
            features=[{"name": "prefers-color-scheme", "value": "dark" if dark else "light"}],
        )
        self.events.clear()
        self.send("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")

    def eval(self, expression: str, timeout: float = 30) -> Any:
        result = self.send(
            "Runtime.evaluate",
            expression=expression,
            returnByValue=True,
            awaitPromise=True,
            timeout=int(timeout * 1000),
        )
        if "exceptionDetails" in result:
            raise RuntimeError(json.dumps(result["exceptionDetails"])[:2000])
        return result["result"].get("value")

    def wait_until(self, expression: str, timeout: float = 30) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.eval(expression)
            if value:
                return value
            time.sleep(0.1)
        raise TimeoutError(expression)

    def screenshot(self, path: Path, full_page: bool = False) -> Path:
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            metrics = self.send("Page.getLayoutMetrics")
            size = metrics["cssContentSize"]
            params["clip"] = {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}
            params["captureBeyondViewport"] = True
        data = self.send("Page.captureScreenshot", **params)["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path

    def print_pdf(self) -> bytes:
        """What Ctrl+P prints: the page as PDF, on the paper its print stylesheet names."""
        return base64.b64decode(self.send("Page.printToPDF", printBackground=True, preferCSSPageSize=True)["data"])

    def console_errors(self) -> list[str]:
        errors = []
        for event in self.events:
            method = event.get("method")
            params = event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                errors.append(" ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
            elif method == "Runtime.exceptionThrown":
                errors.append(json.dumps(params.get("exceptionDetails", {}))[:500])
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                errors.append(params["entry"].get("text", ""))
        return errors

    def requested_urls(self) -> list[str]:
        return [
            e["params"]["request"]["url"]
            for e in self.events
            if e.get("method") == "Network.requestWillBeSent"
        ]

    def close(self) -> None:
        self.ws.close()


class Browser:
    """A headless Chromium process with its DevTools endpoint."""

    def __init__(self) -> None:
        binary = chromium_path()
        if binary is None:
            raise RuntimeError("chromium not found: `make test` installs Debian's chromium")
        self.profile = tempfile.mkdtemp(prefix="sopbook-chromium-")
        self.process = subprocess.Popen(
            [binary, *CHROMIUM_FLAGS, "--remote-debugging-port=0", f"--user-data-dir={self.profile}", "about:blank"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.endpoint = self._endpoint()

    def _endpoint(self) -> str:
        deadline = time.monotonic() + 30
        assert self.process.stderr is not None
        while time.monotonic() < deadline:
            line = self.process.stderr.readline()
            match = re.search(r"DevTools listening on ws://([^/]+)/", line)
            if match:
                # keep draining stderr so chromium never blocks on a full pipe
                threading.Thread(target=self.process.stderr.read, daemon=True).start()
                return f"http://{match.group(1)}"
            if not line and self.process.poll() is not None:
                break
        raise RuntimeError("chromium did not start")

    def print_url(self, url: str) -> bytes:
        """Open `url` in a new tab and print it (`Page.print_pdf`)."""
        page = self.new_page()
        try:
            page.goto(url)
            return page.print_pdf()
        finally:
            page.close()

    def new_page(self) -> Page:
        request = urllib.request.Request(f"{self.endpoint}/json/new?about:blank", method="PUT")
        with urllib.request.urlopen(request, timeout=30) as response:
            target = json.loads(response.read())
        return Page(target["webSocketDebuggerUrl"])

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


ARTIFACTS = Path(os.environ.get("SOPBOOK_ARTIFACTS", Path(__file__).parent / "artifacts"))
