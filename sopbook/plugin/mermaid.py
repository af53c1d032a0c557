"""Sites that already use mkdocs-mermaid2-plugin keep it, made safe and offline."""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger("mkdocs.plugins.sopbook")


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
        mermaid2._javascript = javascript
    elif not javascript:
        log.warning(
            "sopbook: mkdocs-mermaid2-plugin has no 'javascript:' option, so it fetches "
            f"Mermaid from a CDN; set `javascript: {offline_uri}` to use the offline copy"
        )
