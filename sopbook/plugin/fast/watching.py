"""Which SOP files changed between two builds of `mkdocs serve`, as its file watcher saw them.

MkDocs' watcher only says "something changed"; a quick update would then stat every file of
the content folder (a second at 10,000 SOPs) to find the one that was saved. `ContentChanges`
adds its own handler to the watcher's observer for the content folder and records the paths
of the events: created, modified, deleted, and both ends of a rename (editors save by writing
a temporary file and renaming it over the original). After recording, it asks for a rebuild
the way MkDocs' own handler does, so an event recorded after a build took the list is never
left without a build that reads it.

Anything it cannot pin to files (an event on a folder, a watcher this code does not know)
makes `take()` answer None: the caller then scans the whole folder, as before.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

from ..internals import can_request_rebuild, request_rebuild

__all__ = ["ContentChanges"]


class ContentChanges:
    """Paths changed under the content folder since the last `take()`."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._paths: set[str] = set()
        self._complete = False  # False: not watching, or an event we could not place
        self._server: Any = None

    def watch(self, server: Any, folder: str) -> bool:
        """Add the handler to `server`'s observer (MkDocs' LiveReloadServer); False when this
        server has no observer or rebuild flag this code knows (then every update scans)."""
        observer = getattr(server, "observer", None)
        if observer is None or not can_request_rebuild(server):
            return False
        try:
            from watchdog.events import FileSystemEventHandler
        except ImportError:  # pragma: no cover - MkDocs depends on watchdog
            return False
        changes = self

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event: Any) -> None:
                changes._record(event)

        self._server = server
        self._complete = True  # the build before this call read every file
        # the same path and flags as MkDocs' own `server.watch(folder)`: one poller for both
        observer.schedule(Handler(), os.path.abspath(folder), recursive=True)
        return True

    def _record(self, event: Any) -> None:
        with self._lock:
            if getattr(event, "is_directory", False):
                self._complete = False  # a folder created, moved or removed: scan everything
            else:
                for path in (getattr(event, "src_path", ""), getattr(event, "dest_path", "")):
                    if path:
                        self._paths.add(os.fsdecode(path))
        request_rebuild(self._server)  # as MkDocs' own handler: a build follows this event

    def take(self) -> set[Path] | None:
        """The absolute paths changed since the last call, or None when they are not known
        (not watching, a folder event): start knowing again from now on."""
        with self._lock:
            paths, complete = self._paths, self._complete
            self._paths = set()
            self._complete = self._server is not None
        if not complete:
            return None
        return {Path(path) for path in paths}
