"""Memory of a process tree, for the benchmarks."""

from __future__ import annotations

import os
import threading


def tree_rss(root: int) -> int:
    """Memory of `root` and all its descendants, in bytes: the sum of their proportional set
    sizes (PSS, /proc/PID/smaps_rollup), so pages Chromium's processes share count once."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/smaps_rollup") as handle:
                pss = next(int(line.split()[1]) for line in handle if line.startswith("Pss:"))
        except (OSError, IndexError, ValueError, StopIteration):
            continue
        pid = int(entry)
        children.setdefault(int(fields[1]), []).append(pid)
        rss[pid] = pss * 1024
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total


class PeakMemory:
    """Samples `tree_rss(pid)` every `interval` seconds in a thread until `stop()`; `peak` is
    the largest sample (bytes)."""

    def __init__(self, pid: int, interval: float = 0.25) -> None:
        self.pid = pid
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(interval,), daemon=True)
        self._thread.start()

    def _run(self, interval: float) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss(self.pid))
            self._stop.wait(interval)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak
