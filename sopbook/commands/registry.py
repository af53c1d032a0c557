"""Where each command registers itself: its name, help, description, arguments and what it runs."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Command", "command", "registered"]

Run = Callable[[argparse.Namespace], int]
Arguments = Callable[[argparse.ArgumentParser], None]


@dataclass(frozen=True)
class Command:
    """One `sopbook` command."""

    name: str
    help: str
    description: str | None
    arguments: Arguments
    run: Run
    order: int
    """Place in `sopbook --help` (smaller first), then by name."""


_COMMANDS: dict[str, Command] = {}


def command(
    name: str, *, help: str, description: str | None = None, arguments: Arguments | None = None, order: int = 50
) -> Callable[[Run], Run]:
    """Register the decorated function as the command `name`; `arguments` adds its options."""

    def register(run: Run) -> Run:
        if name in _COMMANDS and _COMMANDS[name].run is not run:
            raise RuntimeError(f"two commands named {name!r}")
        _COMMANDS[name] = Command(name, help, description, arguments or (lambda parser: None), run, order)
        return run

    return register


def registered() -> list[Command]:
    """Every command of this folder (each module imported once), in help order."""
    package = __name__.rpartition(".")[0]
    for module in pkgutil.iter_modules([str(Path(__file__).parent)]):
        if module.name != "registry":
            importlib.import_module(f"{package}.{module.name}")
    return sorted(_COMMANDS.values(), key=lambda c: (c.order, c.name))
