"""Shared fixtures: real MkDocs builds of small sites and of the repository's own content."""

from __future__ import annotations

import functools
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


# ---------------------------------------------------------------------------------------------
# Tiers. The markers are set by the fixtures a test uses (directly or through other fixtures),
# never by hand: a test that asks for the browser is `browser`, one that builds a site with
# MkDocs is `build`, one that asks for `slow` is `slow`. `make test-fast` runs the rest.

BROWSER_FIXTURES = frozenset({"browser", "chromium", "page"})
"""Fixtures that start (or need) a real Chromium."""
BUILD_FIXTURES = frozenset({"mkdocs", "small_site", "content_site", "portal_site"})
"""Fixtures that build a site with MkDocs (a subprocess or in this process). A new fixture that
builds asks for one of these (or is added here): the guard below fails a build by a test that
has none."""
SLOW_FIXTURES = frozenset({"slow"})
"""Fixtures of the few tests that take long even among their tier (measured with --durations)."""
TIERS = {"browser": BROWSER_FIXTURES, "build": BUILD_FIXTURES, "slow": SLOW_FIXTURES}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        for marker, fixtures in TIERS.items():
            if used & fixtures:
                item.add_marker(marker)


class _BuildGuard:
    """A test that builds with MkDocs without asking for a build fixture would slip into the
    fast tier unmarked: it fails instead, naming the fixture to ask for."""

    allowed = True

    @classmethod
    def check(cls, what: str) -> None:
        if not cls.allowed:
            raise AssertionError(
                f"this test builds with MkDocs ({what}) but uses no build fixture: ask for `mkdocs` "
                "(or small_site, content_site, portal_site) so it is marked `build`"
            )


def _builds(args: object) -> str | None:
    """The MkDocs build a subprocess command line starts, if any."""
    if isinstance(args, (str, bytes)):
        args = os.fsdecode(args).split()  # a shell command line
    elif isinstance(args, os.PathLike):
        args = [args]
    words = [os.fsdecode(a) if isinstance(a, (bytes, os.PathLike)) else str(a) for a in args]  # type: ignore[union-attr]
    for i, word in enumerate(words):
        if Path(word).name == "mkdocs":  # the mkdocs program, or `python -m mkdocs`
            return " ".join(words[i : i + 2])
        if "mkdocs.commands.build" in word:
            return "mkdocs.commands.build"
    return None


class _GuardedPopen(subprocess.Popen):
    def __init__(self, args, *rest, **kwargs):  # noqa: ANN001 - Popen's own signature
        what = _builds(args)
        if what:
            _BuildGuard.check(what)
        super().__init__(args, *rest, **kwargs)


def pytest_configure(config: pytest.Config) -> None:
    subprocess.Popen = _GuardedPopen  # type: ignore[misc]
    # a build in this process (mkdocs.commands.build.build) is held to the same rule
    from mkdocs.commands import build as mkdocs_commands_build

    unguarded = mkdocs_commands_build.build

    @functools.wraps(unguarded)
    def guarded_build(*args, **kwargs):  # noqa: ANN002, ANN003 - MkDocs' own signature
        _BuildGuard.check("mkdocs.commands.build.build")
        return unguarded(*args, **kwargs)

    mkdocs_commands_build.build = guarded_build


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    # before any fixture of this test is set up (module-scoped builds included)
    _BuildGuard.allowed = item.get_closest_marker("build") is not None


def pytest_runtest_teardown(item: pytest.Item) -> None:
    _BuildGuard.allowed = True  # teardowns of shared fixtures may run later, for other tests


@pytest.fixture(scope="session")
def mkdocs():
    """`mkdocs(project, *args, site_dir=None)`: a strict `mkdocs build` in a subprocess. Asking
    for it marks the test `build`."""
    return mkdocs_build


@pytest.fixture
def slow() -> None:
    """Asking for it marks a test `slow`: `make test-fast` leaves it out."""


def chromium_or_skip() -> str:
    """The Chromium program. Missing: the test is skipped with the reason outside CI and fails
    in CI (CI=true), where a missing browser means untested pages."""
    from browser import chromium_path

    binary = chromium_path()
    if binary is None:
        reason = "needs Chromium (Debian chromium, installed by `make test`) or SOPBOOK_CHROMIUM"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(reason + ": CI must run the browser tests", pytrace=False)
        pytest.skip(reason)
    return binary


@pytest.fixture(scope="session")
def chromium() -> str:
    """The Chromium program, for tests that drive it through sopbook (`sopbook pdf`)."""
    return chromium_or_skip()


@pytest.fixture(scope="session")
def browser(chromium):
    """One headless Chromium for the whole run (tests/browser.py)."""
    from browser import Browser

    chrome = Browser()
    yield chrome
    chrome.close()


@pytest.fixture
def page(browser):
    """A fresh browser tab (`browser.Page`), closed after the test."""
    tab = browser.new_page()
    yield tab
    tab.close()
