"""`mkdocs serve` survives a broken SOP file.

MkDocs holds every request of its preview server while a build fails ("The server will appear
stuck until build errors are resolved"), so a clerk who saves a file with a mistake would see a
frozen browser. While serving, problems therefore never fail the build: the good SOPs are
built, a broken file keeps its last good version (when the preview has seen one), and every
page shows the problems at its top. `mkdocs build` still refuses to build, as before.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from ..messages import say
from ..portal.catalogue import Catalogue
from ..render import Renderer
from ..sop.loading import LoadedSop, LoadResult
from ..sop.problems import Problem
from .log import log

__all__ = ["ServeGuard"]


_PLACES = (re.compile(r"<article\b[^>]*>"), re.compile(r"<body\b[^>]*>"))  # content, else page


class ServeGuard:
    """Decides, per build, which SOPs are built and what happens to problems."""

    def __init__(self) -> None:
        self.serving = False
        self.problems: list[Problem] = []
        self._last_good: dict[Path, LoadedSop] = {}

    def start(self, command: str) -> None:
        """Record the MkDocs command (on_startup): only `serve` keeps going past problems."""
        self.serving = command == "serve"

    def sops_to_build(self, result: LoadResult, *, strict: bool) -> list[LoadedSop]:
        """The SOPs of this build. Not serving: any problem raises `PluginError`."""
        self.problems = []
        if not result.problems:
            self._last_good = {loaded.path: loaded for loaded in result.sops}
            return result.sops
        self.refuse(result.problems, "build.problems", strict=strict)
        good = {loaded.path: loaded for loaded in result.sops}
        broken = {problem.file for problem in result.problems}
        for path, loaded in self._last_good.items():
            if path not in good and loaded.source in broken and path.exists():
                good[path] = loaded  # the last version that was valid, until the file is fixed
        self._last_good = good
        return sorted(good.values(), key=lambda loaded: loaded.path)

    def catalogue(self, sops: list[LoadedSop], *, strict: bool) -> Catalogue:
        """The catalogue of `sops`. Pages that would share an address fail the build; while
        serving, the SOP that came second is left out and the problem shown."""
        catalogue = Catalogue(sops)
        if not catalogue.problems:
            return catalogue
        self.refuse(catalogue.problems, "build.problems", strict=strict)
        blamed = {problem.file for problem in catalogue.problems}
        return Catalogue([loaded for loaded in sops if loaded.source not in blamed])

    def refuse(self, problems: list[Problem], message: str, *, strict: bool) -> None:
        """Raise (build) or record and log (serve) `problems` under the summary `message`."""
        lines = "\n".join(str(p) for p in sorted(problems))
        if not self.serving:
            raise PluginError(say(message, count=len(problems), lines=lines))
        self.problems.extend(sorted(problems))
        # a warning would abort `mkdocs serve --strict`, which would hang the preview again
        (log.info if strict else log.warning)(say("serve.log", count=len(problems), lines=lines))

    def banner(self, output: str, renderer: Renderer | None) -> str:
        """`output` (a page's HTML) with the problem list at the top of its content."""
        if not self.problems or renderer is None:
            return output
        html = renderer.render(
            "problems.html",
            summary=say("serve.banner", count=len(self.problems)),
            problems=self.problems,
        )
        for place in _PLACES:
            match = place.search(output)
            if match is not None:
                return output[: match.end()] + html + output[match.end() :]
        return html + output
