"""A job run in a forked process while this one goes on (writing a cache file, deleting an old
site): at most one at a time per `Background`, waited for with `wait()`.

A job that fails prints its traceback (from the forked process) and `wait()` logs a warning
naming it: a background failure is never silent, and never fails the build (the job is only
ever a speed-up: a cache file not written, an old site left to delete next time).
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from collections.abc import Callable

from .messages import define, say

__all__ = ["Background"]

log = logging.getLogger("mkdocs.plugins.sopbook")  # shown by MkDocs; plain stderr elsewhere

define(
    "background.failed",
    id="sopbook: pekerjaan latar '{job}' gagal (status keluar {code}); lihat pesan di atas",
    en="sopbook: background job '{job}' failed (exit status {code}); see the message above",
)


class Background:
    def __init__(self, name: str = "job") -> None:
        self.name = name
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
            except BaseException:  # noqa: BLE001 - reported, then this process ends
                traceback.print_exc(file=sys.stderr)
                sys.stderr.flush()
            finally:
                os._exit(code)
        self.pid = pid
        return True

    def wait(self) -> int:
        """Wait for the running job; its exit status (0 when none was running)."""
        if not self.pid:
            return 0
        try:
            _, status = os.waitpid(self.pid, 0)
            code = os.waitstatus_to_exitcode(status)
        except OSError:
            code = 0
        self.pid = 0
        if code != 0:
            log.warning(say("background.failed", job=self.name, code=code))
        return code
