"""Turn what the libraries say (PyYAML, pydantic) into messages a clerk understands.

The loader hands over raw errors; this module decides which message (`sopbook.messages`) and
which hint they get: a colon in a text (quote it), a misspelt field (did you mean …), a value
outside a list of choices (write one of …), a step reference written as text (`ya: 3`), and
list items indented too far (YAML quietly glues them to the item above).
"""

from __future__ import annotations

import difflib
import re
import typing
from typing import Any

import yaml
from pydantic import BaseModel

from ..messages import say
from .model import Sop
from .problems import Path_

__all__ = ["describe_validation", "clean_loc", "suggestions", "explain_yaml_error", "over_indented_items"]


# pydantic ---------------------------------------------------------------------------------


def _model_at(loc: Path_) -> type[BaseModel] | None:
    """The model class whose fields live at `loc` (for 'did you mean' suggestions)."""
    model: type[BaseModel] = Sop
    for part in loc:
        if isinstance(part, int):
            continue
        info = next((f for f in model.model_fields.values() if f.alias == part), None)
        if info is None:
            return None
        inner = _inner_model(info.annotation)
        if inner is None:
            return None
        model = inner
    return model


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _aliases(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


def suggestions(path: Path_) -> list[str]:
    """Known field names close to the unknown key at the end of `path`."""
    model = _model_at(path[:-1]) if path else None
    if model is None:
        return []
    return difflib.get_close_matches(str(path[-1]), _aliases(model), n=1, cutoff=0.6)


def clean_loc(loc: tuple[Any, ...], data: Any) -> Path_:
    """Keep the parts of a pydantic location that name data (drop union/type tags)."""
    path: list[str | int] = []
    node = data
    for n, part in enumerate(loc):
        if isinstance(node, dict) and isinstance(part, str) and (part in node or n == len(loc) - 1):
            path.append(part)  # a key of the data, or the missing key an error names
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int):
            path.append(part)
            node = node[part] if 0 <= part < len(node) else None
        elif node is None and isinstance(part, str) and not path:
            path.append(part)
        else:
            # a type tag such as 'str' or 'function-after[...]': not part of the data
            continue
    return tuple(path)


_STEP_REFERENCES = {"ya", "tidak"}


def describe_validation(error: dict[str, Any], path: Path_) -> tuple[str, bool]:
    """Message for one pydantic error, and whether it points at a key."""
    kind = error["type"]
    value = error.get("input")
    key = str(path[-1]) if path and isinstance(path[-1], str) else ""
    if kind == "extra_forbidden":
        close = suggestions(path)
        if close:
            hint = say("field.did_you_mean", name=close[0])
        else:
            model = _model_at(path[:-1])
            hint = say("field.allowed", names=", ".join(_aliases(model))) if model else ""
        return say("field.unknown", key=key or "?", hint=hint), True
    if kind == "missing":
        return say("field.missing", key=str(path[-1])), False
    if kind == "string_too_short" and error.get("ctx", {}).get("min_length") == 1:
        return say("field.empty"), False
    if kind == "too_short" and isinstance(value, list) and not value:
        return say("field.no_items"), False
    if key in _STEP_REFERENCES and kind in {"int_parsing", "int_type", "int_from_float"}:
        digits = re.findall(r"\d+", str(value))
        return say("field.step_number", key=key, example=digits[0] if digits else 2, value=value), False
    if key in _STEP_REFERENCES and kind == "greater_than_equal":
        return say("field.step_number_min"), False
    if kind == "enum":
        choices = re.findall(r"'([^']*)'", error.get("ctx", {}).get("expected", ""))
        return say("field.choice", value=value, choices=", ".join(choices)), False
    if kind in {"bool_parsing", "bool_type"}:
        return say("field.bool", value=value), False
    if kind == "string_type":
        return say("field.text"), False
    if kind == "list_type":
        return say("field.list"), False
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return say("field.mapping"), False
    message = error["msg"]
    if kind == "value_error":
        message = message.removeprefix("Value error, ")
    return message, False


# PyYAML -----------------------------------------------------------------------------------

_INDENT_PROBLEMS = ("expected <block end>", "did not find expected key", "did not find expected '-'")


def explain_yaml_error(detail: str, context: str | None, line: str = "", column: int = 0) -> str:
    """The message for a PyYAML scanner/parser problem, with a hint for the common causes.

    `line` is the source line the problem is on and `column` its 0-based column."""
    if "mapping values are not allowed" in detail:
        before = line[:column]
        if re.search(r"\S:(\s|$)", before) or ": " in before:
            # `uraian: Memeriksa berkas: lengkap` - a second colon inside a text
            return say("yaml.syntax", detail=say("yaml.colon"))
        return say("yaml.syntax", detail=say("yaml.key_too_far"))
    if "\t" in detail or "'\\t'" in detail or "tab" in detail:
        return say("yaml.syntax", detail=say("yaml.tabs"))
    if "end of stream" in detail and "quoted scalar" in (context or ""):
        return say("yaml.syntax", detail=say("yaml.unclosed_quote"))
    if "expected ',' or ']'" in detail or "expected ',' or '}'" in detail:
        return say("yaml.syntax", detail=say("yaml.unclosed_bracket"))
    if any(text in detail or text in (context or "") for text in _INDENT_PROBLEMS):
        return say("yaml.syntax", detail=f"{say('yaml.indent')} ({detail})")
    return say("yaml.syntax", detail=detail)


def over_indented_items(
    folded: list[tuple[yaml.ScalarNode, Path_]], lines: list[str]
) -> list[tuple[Path_, int, int, str]]:
    """(data path, line, column, text before it) of each `- ` line that YAML folded into the
    plain text above it; `folded` holds the plain texts written over several lines, with their
    data paths.

    ``- Pemerintah Kota`` followed by ``  - Dinas`` two spaces deeper is, for YAML, one item
    "Pemerintah Kota - Dinas". A clerk never means that: report where the stray item starts,
    and give the text as far as the stray item, so that later checks see what was meant
    instead of the merged text.
    """
    found: list[tuple[Path_, int, int, str]] = []
    for current, path in folded:
        start, end = current.start_mark.line, current.end_mark.line
        before = [lines[start][current.start_mark.column :]] if start < len(lines) else []
        for number in range(start + 1, min(end, len(lines) - 1) + 1):
            text = lines[number]
            stripped = text.lstrip(" ")
            if stripped.startswith("- ") or stripped == "-":
                found.append((path, number + 1, len(text) - len(stripped) + 1, " ".join(" ".join(before).split())))
                break
            before.append(text)
    return sorted(found, key=lambda item: item[1:3])
