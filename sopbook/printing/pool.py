"""Several headless Chromium processes printing pages from one queue.

Each tab of a Chromium has its own renderer process, so the tabs of one Chromium do print in
parallel; a second Chromium costs its own browser, GPU and network processes (measured on 2
cores: 2 Chromium x 1 tab took 22 % more CPU and 18 % more time than 1 Chromium x 2 tabs). So a
`ChromiumPool` starts one Chromium per `TABS_PER_BROWSER` tabs (`workers`, the pages printed at
once) and spreads the tabs over them; `print_all` feeds every tab from one queue.
The caller gets the results keyed by job, so the order of the booklet never depends on which
tab finished first.
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Callable, Sequence
from contextlib import ExitStack

from .chromium import Chromium, Tab

__all__ = ["ChromiumPool", "browsers_for"]


TABS_PER_BROWSER = 4
"""Tabs served by one Chromium process, at most."""


def browsers_for(workers: int) -> int:
    """How many Chromium processes serve `workers` tabs: one per `TABS_PER_BROWSER` tabs,
    at most one per core."""
    return max(1, min(-(-workers // TABS_PER_BROWSER), os.cpu_count() or 1))


class ChromiumPool:
    """Up to `size` Chromium processes, started when first needed and all closed on exit
    (also on an error or Ctrl+C)."""

    def __init__(self, size: int, program: str | None = None) -> None:
        self.size = max(1, size)
        self.program = program
        self.browsers: list[Chromium] = []
        self._stack = ExitStack()

    def browser(self, index: int = 0) -> Chromium:
        """The `index`-th Chromium (modulo the pool's size), started if need be."""
        index %= self.size
        while len(self.browsers) <= index:
            self.browsers.append(self._stack.enter_context(Chromium(self.program)))
        return self.browsers[index]

    def close(self) -> None:
        self._stack.close()

    def __enter__(self) -> "ChromiumPool":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def print_all(
        self,
        jobs: Sequence[str],
        work: Callable[[Tab, str], bytes],
        done: Callable[[str, bytes], None],
        *,
        workers: int,
        setup: Callable[[Tab], None] | None = None,
    ) -> None:
        """Run `work(tab, job)` for every job, `workers` tabs at once spread over the pool's
        processes, all taking jobs from one queue; `done(job, result)` is called under a lock
        as each finishes. The first error stops every tab and is raised here."""
        if not jobs:
            return
        todo: queue.SimpleQueue[str] = queue.SimpleQueue()
        for job in jobs:
            todo.put(job)
        count = max(1, min(workers, len(jobs)))
        for i in range(min(count, self.size)):  # start the processes here, not in the threads
            self.browser(i)
        errors: list[BaseException] = []
        lock = threading.Lock()

        def run(index: int) -> None:
            try:
                tab = self.browser(index).tab()
            except BaseException as error:  # re-raised in the caller's thread
                errors.append(error)
                return
            try:
                if setup:
                    setup(tab)
                while not errors:
                    try:
                        job = todo.get_nowait()
                    except queue.Empty:
                        return
                    result = work(tab, job)
                    with lock:
                        done(job, result)
            except BaseException as error:  # re-raised in the caller's thread
                errors.append(error)
            finally:
                tab.close()

        threads = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(count)]
        try:
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        except BaseException as error:  # Ctrl+C: the tabs stop at their next page
            errors.append(error)
            raise
        if errors:
            raise errors[0]
