"""The shape of the package (ARCHITECTURE.md): folders that import only the layers below them,
no import circles (function-local imports included), modules under 400 lines, MkDocs and
Material only in the adapter and the commands, and few modules left directly in sopbook/."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import sopbook

PACKAGE = Path(sopbook.__path__[0])
ROOT = PACKAGE.parent
MAX_LINES = 400
MAX_TOP_MODULES = 8

# room -> the rooms it may import (besides itself)
BASE = {"messages", "background"}
ALLOWED: dict[str, set[str]] = {
    "messages": set(),
    "background": {"messages"},
    "sop": BASE,
    "drawing": BASE | {"sop"},
    "portal": BASE | {"sop"},
    "printing": BASE | {"sop", "drawing", "portal"},
    "importing": BASE | {"sop", "portal"},
    "render": BASE | {"sop", "drawing", "portal", "printing"},
    "scaffold": BASE | {"sop", "portal"},
    "commands": BASE | {"sop", "drawing", "portal", "printing", "importing", "render", "scaffold"},
    "plugin": BASE | {"sop", "drawing", "portal", "printing", "render"},
    "cli": BASE | {"commands"},
}
ADAPTERS = {"plugin", "commands"}
"""The only rooms that may import mkdocs or material."""


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


KNOWN = modules()


def imports(name: str, path: Path) -> list[tuple[str, int]]:
    """Every module this module imports (at the top, inside functions, under TYPE_CHECKING)."""
    is_package = path.name == "__init__.py"
    package = name.split(".") if is_package else name.split(".")[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            submodules = [f"{target}.{alias.name}" for alias in node.names if f"{target}.{alias.name}" in KNOWN]
            # `from . import printing` imports the module printing (its package is importing already)
            found += [(sub, node.lineno) for sub in submodules] if submodules else [(target, node.lineno)]
    return found


def room(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else "sopbook"


def graph() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = defaultdict(set)
    for name, path in KNOWN.items():
        for target, _ in imports(name, path):
            if target in KNOWN and target != name:
                edges[name].add(target)
    return edges


def test_no_import_circles_even_through_function_local_imports():
    edges = graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in edges.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            # a package's face (__init__) importing its own modules is no circle of rooms
            real = [m for m in component if not any(m != o and o.startswith(m + ".") for o in component)]
            if len(real) > 1:
                circles.append(sorted(component))

    for node in KNOWN:
        if node not in index:
            visit(node)
    assert not circles, f"import circles: {circles}"


def test_each_room_imports_only_the_rooms_below_it():
    wrong = []
    for name, path in KNOWN.items():
        here = room(name)
        if here == "sopbook":
            continue
        allowed = ALLOWED.get(here)
        assert allowed is not None, f"{name}: room {here!r} is not in ARCHITECTURE.md's table (and this test's)"
        for target, line in imports(name, path):
            if not target.startswith("sopbook."):
                continue
            there = room(target)
            if there != here and there not in allowed:
                wrong.append(f"{path.relative_to(ROOT)}:{line}: {here} imports {target}")
    assert not wrong, "imports from a lower room into a higher one:\n" + "\n".join(sorted(set(wrong)))


def test_only_the_adapter_and_the_commands_import_mkdocs_or_material():
    wrong = []
    for name, path in KNOWN.items():
        if room(name) in ADAPTERS:
            continue
        for target, line in imports(name, path):
            if target.split(".")[0] in {"mkdocs", "material", "mermaid2"}:
                wrong.append(f"{path.relative_to(ROOT)}:{line}: {target}")
    assert not wrong, "\n".join(wrong)


def test_no_module_is_over_400_lines():
    long = {
        str(path.relative_to(ROOT)): count
        for path in KNOWN.values()
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"modules over {MAX_LINES} lines: {long}"


def test_few_modules_are_left_directly_in_the_package():
    top = sorted(p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py")
    assert len(top) <= MAX_TOP_MODULES, top


def test_the_map_names_every_room():
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    rooms = {room(name) for name in KNOWN} - {"sopbook"}
    missing = sorted(r for r in rooms if f"`{r}" not in text)
    assert not missing, f"ARCHITECTURE.md does not describe: {missing}"
