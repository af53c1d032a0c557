"""A job run in a forked process while this one goes on (writing a cache file, deleting an old
site): at most one at a time per `Background`, waited for with `wait()`."""

from __future__ import annotations

import os
from collections.abc import Callable


class Background:
    def __init__(self) -> None:
        self.pid = 0

    def run(self, job: Callable[[], None]) -> bool:
        """Start `job` in a forked process; False (nothing started) where there is no fork."""
        self.wait()
        if not hasattr(os, "fork"):
            return False
        try:
            pid = os.fork()
        except OSError:
            return False
        if pid == 0:  # the job's process: leave without the parent's exit handlers
            code = 1
            try:
                job()
                code = 0
            finally:
                os._exit(code)
        self.pid = pid
        return True

    def wait(self) -> None:
        if self.pid:
            try:
                os.waitpid(self.pid, 0)
            except OSError:
                pass
            self.pid = 0
