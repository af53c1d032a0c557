"""Shared fixtures: real MkDocs builds of small sites and of the repository's own content."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).parent.parent
# messages are Indonesian by default, English under an English locale: the suite expects the
# default whatever the machine's locale (tests of English set it themselves)
os.environ["SOPBOOK_LANG"] = "id"
PORTAL = Path(__file__).parent / "portal"
"""The fixture portal the tests own (copies of the seeds): tests of particular SOPs use it."""
CONTENT_ROOT = Path(os.environ.get("SOPBOOK_CONTENT_ROOT") or ROOT)
"""The project whose live content/ the content checks (test_content.py) run over: this
repository, or another copy of it named by SOPBOOK_CONTENT_ROOT."""
MKDOCS = [sys.executable, "-m", "mkdocs"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}

SMALL_SITE_CONFIG = """\
site_name: Uji
docs_dir: docs
theme:
  name: material
  custom_dir: overrides
  font: false
plugins:
  - search
  - sopbook
"""


def mkdocs_build(project: Path, *args: str, site_dir: Path | None = None) -> subprocess.CompletedProcess:
    command = [*MKDOCS, "build", "--strict", "-f", str(project / "mkdocs.yml")]
    if site_dir is not None:
        command += ["--site-dir", str(site_dir)]
    return subprocess.run([*command, *args], capture_output=True, text=True, env=ENV, cwd=project)


class SmallSite:
    """A throw-away MkDocs project: mkdocs.yml, docs/, content/, overrides/."""

    def __init__(self, root: Path, config: str = SMALL_SITE_CONFIG) -> None:
        self.root = root
        (root / "docs").mkdir(parents=True)
        (root / "content").mkdir()
        (root / "overrides").mkdir()
        (root / "docs" / "index.md").write_text("# Beranda\n")
        (root / "mkdocs.yml").write_text(config)

    def add(self, relative: str, text: str) -> Path:
        path = self.root / "content" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
        return path

    def build(self, *args: str) -> subprocess.CompletedProcess:
        return mkdocs_build(self.root, *args)

    @property
    def site(self) -> Path:
        return self.root / "site"

    def page(self, url_path: str) -> BeautifulSoup:
        return soup(self.site / url_path / "index.html")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture
def small_site(tmp_path: Path) -> SmallSite:
    return SmallSite(tmp_path / "project")


@pytest.fixture(scope="session")
def content_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The live portal (CONTENT_ROOT's mkdocs.yml + content/), built strictly once per run.

    Whatever an office puts in content/: assert only what holds for every valid portal."""
    site = tmp_path_factory.mktemp("content-site") / "site"
    done = mkdocs_build(CONTENT_ROOT, site_dir=site)
    assert done.returncode == 0, done.stdout + done.stderr
    return site


@pytest.fixture(scope="session")
def portal_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture portal (tests/portal: the seeds), built once per run: facts may be asserted."""
    site = tmp_path_factory.mktemp("portal-site") / "site"
    done = mkdocs_build(PORTAL, site_dir=site)
    assert done.returncode == 0, done.stdout + done.stderr
    return site


@pytest.fixture(scope="session")
def browser():
    from browser import Browser

    chrome = Browser()
    yield chrome
    chrome.close()
