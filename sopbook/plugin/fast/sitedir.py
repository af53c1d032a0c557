"""The previous site removed beside the build instead of before it.

Before every `mkdocs build` MkDocs deletes what `site_dir` holds (but hidden entries), one
file at a time: at 10,000 SOPs that is a tenth of a build that renders nothing new. So, once
the SOPs are known to be valid (nothing is touched before that), `clear_aside` moves those
entries into a hidden folder beside `site_dir` — a rename each, on the same file system — and
a forked process deletes it while the build goes on; MkDocs then finds nothing to delete.
Folders left behind by a build that was killed are deleted the next time. Where a rename or
fork is not possible, nothing is moved and MkDocs deletes as before.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from ...background import Background

PREFIX = ".sopbook-old-"


class SiteClearer:
    def __init__(self) -> None:
        self._remover = Background("old site")  # deletes old sites

    def clear_aside(self, site_dir: str | os.PathLike[str]) -> None:
        site = Path(site_dir)
        if not site.is_dir() or not hasattr(os, "fork"):
            return
        self._remover.wait()
        trash = site.parent / f"{PREFIX}{site.name}-{os.getpid()}-{time.time_ns():x}"
        try:
            trash.mkdir()
            for entry in os.listdir(site):
                if not entry.startswith("."):  # MkDocs keeps hidden entries too
                    os.rename(site / entry, trash / entry)
        except OSError:
            pass  # what could not be moved, MkDocs deletes
        old = [p for p in site.parent.glob(f"{PREFIX}{site.name}-*") if p.is_dir()]
        if not self._remover.run(lambda: _remove(old)):
            _remove(old)  # no process to spare: delete here

    def wait(self) -> None:
        """Wait for the previous site to be deleted (the end of a build)."""
        self._remover.wait()


def _remove(folders: list[Path]) -> None:
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
