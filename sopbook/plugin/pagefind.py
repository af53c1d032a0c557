"""Pagefind's index of the built site (option `pagefind: true`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

from ..messages import say


def run_pagefind(site_dir: Path) -> None:
    """Index the built site with Pagefind (the `pagefind` package with its binary)."""
    command = [
        sys.executable, "-m", "pagefind", "--site", str(site_dir),
        "--root-selector", "article.md-content__inner",
        "--include-characters", ".-/",  # SOP numbers stay whole words: 28.8.1.10, BKPSDM.1.7-2017
        "--force-language", "id",  # SOPs are Indonesian whatever the theme says: Indonesian stemming
        "--quiet",
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise PluginError(say("build.pagefind_failed", error=error)) from None
    if done.returncode != 0 or "No module named pagefind" in done.stderr:
        detail = (done.stderr or done.stdout).strip()[-2000:]
        raise PluginError(say("build.pagefind_missing", detail=detail))
