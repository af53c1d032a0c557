"""Headless Chromium over the DevTools protocol, for printing pages to PDF.

Chromium is started with `--remote-debugging-pipe`: commands and replies travel as
NUL-terminated JSON over two pipes (fd 3 into Chromium, fd 4 out of it), so there is no port,
no websocket library and nothing listening on the network. One process serves several tabs;
each tab prints one page at a time.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from ..messages import define, say

__all__ = ["Chromium", "ChromiumMissing", "find_chromium"]

define(
    "pdf.no_chromium",
    id="sopbook pdf memerlukan Chromium, yang tidak ditemukan: pasang paket Debian 'chromium' "
    "(sudo apt-get install chromium) atau tunjuk programnya dengan SOPBOOK_CHROMIUM=/path/ke/chromium",
    en="sopbook pdf needs Chromium, which was not found: install the Debian package 'chromium' "
    "(sudo apt-get install chromium) or name the program with SOPBOOK_CHROMIUM=/path/to/chromium",
)
define(
    "pdf.no_answer",
    id="Chromium tidak menjawab {method} dalam {seconds:.0f} detik",
    en="Chromium did not answer {method} within {seconds:.0f} s",
)
define(
    "pdf.stopped",
    id="Chromium berhenti saat menjalankan {method}",
    en="Chromium stopped while running {method}",
)
define(
    "pdf.no_event", id="{method} tidak datang dalam {seconds:.0f} detik", en="{method} did not come within {seconds:.0f} s"
)

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--mute-audio",
    "--hide-scrollbars",
    "--font-render-hinting=none",
    # keep one renderer per tab across navigations: no new process or document per page
    "--disable-features=BackForwardCache,ProactivelySwapBrowsingInstance,RenderDocument",
    "--remote-debugging-pipe",
]


class ChromiumMissing(RuntimeError):
    """No Chromium on this machine."""


def find_chromium() -> str | None:
    """The Chromium program: $SOPBOOK_CHROMIUM, else chromium / chromium-browser / chrome."""
    explicit = os.environ.get("SOPBOOK_CHROMIUM")
    if explicit:
        return explicit if Path(explicit).exists() else None
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


class Chromium:
    """One headless Chromium process; `tab()` opens a tab, `close()` ends the process."""

    def __init__(self, program: str | None = None) -> None:
        program = program or find_chromium()
        if program is None:
            raise ChromiumMissing(say("pdf.no_chromium"))
        self.profile = tempfile.mkdtemp(prefix="sopbook-chromium-")
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()

        def wire() -> None:  # in the child: fd 3 reads commands, fd 4 writes replies
            high_r = fcntl.fcntl(to_child_r, fcntl.F_DUPFD, 10)
            high_w = fcntl.fcntl(from_child_w, fcntl.F_DUPFD, 10)
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)

        try:
            self.process = subprocess.Popen(
                [program, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                preexec_fn=wire,
                pass_fds=(3, 4),
            )
        except OSError as error:
            shutil.rmtree(self.profile, ignore_errors=True)
            raise ChromiumMissing(f"{say('pdf.no_chromium')} ({error})") from None
        os.close(to_child_r)
        os.close(from_child_w)
        self._out = os.fdopen(to_child_w, "wb", buffering=0)
        self._in = os.fdopen(from_child_r, "rb", buffering=0)
        self._lock = threading.Lock()
        self._next = 0
        self._replies: dict[int, dict[str, Any]] = {}
        self._events: list[dict[str, Any]] = []
        self._cond = threading.Condition()
        self._closed = False
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    # Transport ----------------------------------------------------------------------------

    def _read(self) -> None:
        buffer = b""
        while True:
            try:
                chunk = self._in.read(1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                with self._cond:
                    self._closed = True
                    self._cond.notify_all()
                return
            buffer += chunk
            while b"\0" in buffer:
                raw, buffer = buffer.split(b"\0", 1)
                message = json.loads(raw)
                with self._cond:
                    if "id" in message:
                        self._replies[message["id"]] = message
                    else:
                        self._events.append(message)
                    self._cond.notify_all()

    def send(self, method: str, session: str | None = None, timeout: float = 120, **params: Any) -> dict[str, Any]:
        with self._lock:
            self._next += 1
            ident = self._next
            message: dict[str, Any] = {"id": ident, "method": method, "params": params}
            if session:
                message["sessionId"] = session
            try:
                self._out.write(json.dumps(message).encode() + b"\0")
            except (OSError, ValueError):  # the pipe is gone: Chromium ended or was closed
                raise RuntimeError(say("pdf.stopped", method=method)) from None
        deadline = time.monotonic() + timeout
        with self._cond:
            while ident not in self._replies:
                if self._closed:
                    raise RuntimeError(say("pdf.stopped", method=method))
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(say("pdf.no_answer", method=method, seconds=timeout))
                self._cond.wait(left)
            reply = self._replies.pop(ident)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error'].get('message')}")
        return reply.get("result", {})

    def wait_event(self, method: str, session: str, timeout: float = 60) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for i, event in enumerate(self._events):
                    if event.get("method") == method and event.get("sessionId") == session:
                        return self._events.pop(i)
                if self._closed:
                    raise RuntimeError("Chromium berhenti")
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(say("pdf.no_event", method=method, seconds=timeout))
                self._cond.wait(left)

    def drop_events(self, session: str) -> None:
        with self._cond:
            self._events = [e for e in self._events if e.get("sessionId") != session]

    # Tabs -------------------------------------------------------------------------------

    def tab(self) -> "Tab":
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        tab = Tab(self, target, session)
        tab.call("Page.enable")
        return tab

    def close(self) -> None:
        try:
            if not self._closed:
                self.send("Browser.close", timeout=10)
        except (RuntimeError, TimeoutError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for stream in (self._out, self._in):
            try:
                stream.close()
            except OSError:
                pass
        shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> "Chromium":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Tab:
    """One page in Chromium."""

    def __init__(self, browser: Chromium, target: str, session: str) -> None:
        self.browser = browser
        self.target = target
        self.session = session

    def call(self, method: str, timeout: float = 120, **params: Any) -> dict[str, Any]:
        return self.browser.send(method, session=self.session, timeout=timeout, **params)

    def load(self, url: str, timeout: float = 60) -> None:
        self.browser.drop_events(self.session)
        self.call("Page.navigate", url=url)
        self.browser.wait_event("Page.loadEventFired", self.session, timeout)

    def set_html(self, html: str, timeout: float = 60) -> None:
        frame = self.call("Page.getFrameTree")["frameTree"]["frame"]["id"]
        self.browser.drop_events(self.session)
        self.call("Page.setDocumentContent", frameId=frame, html=html)
        # the document has no subresources to wait for but fonts
        self.evaluate("document.fonts.ready.then(() => true)")

    def evaluate(self, expression: str, timeout: float = 60) -> Any:
        result = self.call(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True, timeout=timeout + 5
        )
        if "exceptionDetails" in result:
            raise RuntimeError(json.dumps(result["exceptionDetails"])[:500])
        return result.get("result", {}).get("value")

    def wait_until(self, expression: str, timeout: float = 30) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.evaluate(expression):
                return True
            time.sleep(0.05)
        return False

    def pdf(self) -> bytes:
        """The page printed with its own CSS page size and margins (`@page`)."""
        result = self.call(
            "Page.printToPDF",
            printBackground=True,
            preferCSSPageSize=True,
            displayHeaderFooter=False,
            generateTaggedPDF=False,
            timeout=300,
        )
        return base64.b64decode(result["data"])

    def close(self) -> None:
        try:
            self.browser.send("Target.closeTarget", targetId=self.target, timeout=10)
        except (RuntimeError, TimeoutError, OSError):
            pass
