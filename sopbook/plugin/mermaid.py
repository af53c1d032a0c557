"""Sites that already use mkdocs-mermaid2-plugin keep it, made safe and offline."""

from __future__ import annotations

from typing import Any

from ..messages import say
from .internals import use_mermaid2_javascript
from .log import log


def configure_mermaid2(mermaid2: Any, offline_uri: str) -> None:
    """Sites that already use mkdocs-mermaid2-plugin keep it: diagrams are emitted as
    `div.mermaid` for it, always with securityLevel strict. When its `javascript:` option
    names the Mermaid build that sopbook ships, sopbook provides that file; mermaid2 would
    otherwise look for it in docs_dir and refuse to build."""
    options = mermaid2.config
    arguments = options.get("arguments")
    if isinstance(arguments, dict):
        arguments["securityLevel"] = "strict"
    javascript = (options.get("javascript") or "").strip().removeprefix("./")
    if javascript == offline_uri:
        use_mermaid2_javascript(mermaid2, javascript)
    elif not javascript:
        log.warning(say("build.mermaid2_cdn", uri=offline_uri))
