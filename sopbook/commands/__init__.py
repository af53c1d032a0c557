"""The `sopbook` commands, one module each. A module registers its command with the
`command` decorator of `registry.py`; `cli.py` imports every module of this folder and builds
the parser from what registered itself, so a new command is a new module and nothing else."""

from .registry import Command, command, registered

__all__ = ["Command", "command", "registered"]
