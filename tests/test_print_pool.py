"""Printing a booklet on several Chromium processes (`sopbook/printing/pool.py`): every page
comes back once, in catalogue order, errors surface and every Chromium is closed.

The first tests use a stand-in for Chromium (no browser needed); the last prints a real
booklet on three Chromium processes and checks its order against the catalogue.
"""

from __future__ import annotations

import random
import threading
import time

import pytest
from pypdf import PdfReader

from conftest import SmallSite
from sops import sop_yaml, step

import sopbook.printing.pool as pool_module
from sopbook.printing.pool import ChromiumPool, browsers_for


class FakeTab:
    def __init__(self, browser: "FakeChromium") -> None:
        self.browser = browser
        self.closed = False

    def close(self) -> None:
        self.closed = True


class FakeChromium:
    started: list["FakeChromium"] = []

    def __init__(self, program: str | None = None) -> None:
        self.closed = False
        self.tabs: list[FakeTab] = []
        FakeChromium.started.append(self)

    def tab(self) -> FakeTab:
        tab = FakeTab(self)
        self.tabs.append(tab)
        return tab

    def __enter__(self) -> "FakeChromium":
        return self

    def __exit__(self, *exc: object) -> None:
        self.closed = True


@pytest.fixture
def fake(monkeypatch):
    FakeChromium.started = []
    monkeypatch.setattr(pool_module, "Chromium", FakeChromium)
    monkeypatch.setattr(pool_module, "TABS_PER_BROWSER", 1)
    monkeypatch.setattr(pool_module.os, "cpu_count", lambda: 3)
    return FakeChromium


def test_every_job_is_printed_once_by_tabs_of_several_browsers(fake):
    jobs = [f"sop/{i}" for i in range(60)]
    done: dict[str, bytes] = {}
    seen_by: set[int] = set()
    rng = random.Random(7)

    def work(tab, job):
        time.sleep(rng.random() / 500)  # finish out of order
        seen_by.add(id(tab.browser))
        return job.encode()

    def collect(job, data):
        assert job not in done
        done[job] = data

    with ChromiumPool(browsers_for(3)) as pool:
        pool.print_all(jobs, work, collect, workers=3)
    assert done == {job: job.encode() for job in jobs}
    assert len(fake.started) == 3 and len(seen_by) == 3
    assert all(b.closed and all(t.closed for t in b.tabs) for b in fake.started)


def test_an_error_in_one_tab_surfaces_and_every_browser_is_closed(fake):
    def work(tab, job):
        if job == "sop/13":
            raise RuntimeError("Page.printToPDF: broken")
        return b"%PDF"

    with pytest.raises(RuntimeError, match="broken"):
        with ChromiumPool(browsers_for(3)) as pool:
            pool.print_all([f"sop/{i}" for i in range(40)], work, lambda job, data: None, workers=3)
    assert fake.started and all(b.closed and all(t.closed for t in b.tabs) for b in fake.started)


def test_browsers_for_shares_tabs_and_caps_at_the_cores(monkeypatch):
    monkeypatch.setattr(pool_module.os, "cpu_count", lambda: 2)
    assert browsers_for(1) == 1
    assert browsers_for(pool_module.TABS_PER_BROWSER) == 1
    assert browsers_for(pool_module.TABS_PER_BROWSER + 1) == 2
    assert browsers_for(100) == 2


@pytest.mark.usefixtures("chromium", "mkdocs")
def test_booklet_from_three_browsers_keeps_catalogue_order(tmp_path, monkeypatch):
    from sopbook.portal.catalogue import Catalogue
    from sopbook.printing.booklet import booklet_for, print_booklet
    from sopbook.sop.loading import load_paths

    site = SmallSite(tmp_path / "project")
    for i in range(1, 10):
        # more steps for some SOPs: pages of different lengths finish out of order
        steps = [step(f"Langkah {k} dari SOP {i}", "Kepala") for k in range(1 + 7 * (i % 3))]
        site.add(f"unit/{i}.yml", sop_yaml(nama=f"Prosedur Urutan {i:02d}", nomor=f"7.{i}", langkah=steps))
    done = site.build()
    assert done.returncode == 0, done.stderr
    result = load_paths([site.root / "content"], base=site.root)
    assert not result.problems
    catalogue = Catalogue(result.sops)
    booklet = booklet_for(catalogue.root, portal_name="Portal Uji")
    assert len(booklet.entries) == 9
    pages = {e.path: site.site / e.path / "index.html" for e in catalogue}
    monkeypatch.setattr(pool_module, "TABS_PER_BROWSER", 1)
    monkeypatch.setattr(pool_module.os, "cpu_count", lambda: 3)
    printed = print_booklet(booklet, pages, tmp_path / "out.pdf", workers=3)
    reader = PdfReader(printed.path)
    assert printed.pages == len(reader.pages)
    assert [item.title for item in reader.outline] == [e.label for e in booklet.entries]
    for entry, start in zip(booklet.entries, printed.starts):
        assert entry.sop.title in " ".join(reader.pages[start - 1].extract_text().split())
    # nothing lost: the SOP pages are all there, each SOP's pages in one run
    assert printed.starts == sorted(printed.starts) and printed.starts[-1] <= printed.pages


def test_ctrl_c_while_printing_closes_every_browser(fake):
    import _thread

    fired = threading.Event()

    def work(tab, job):
        if not fired.is_set():
            fired.set()
            _thread.interrupt_main()  # as if Ctrl+C reached the main thread
        time.sleep(0.01)
        return b"%PDF"

    with pytest.raises(KeyboardInterrupt):
        with ChromiumPool(browsers_for(3)) as pool:
            pool.print_all([f"sop/{i}" for i in range(200)], work, lambda job, data: None, workers=3)
            time.sleep(1)  # the interrupt may arrive just after the join
    assert fake.started and all(b.closed for b in fake.started)
