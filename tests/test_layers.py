"""The package's layers: data flows one way, and the imports prove it.

Every import of the package's own modules (at the top of a module or inside a function) must
point to the same layer or a lower one, and no group of modules may import each other in a
circle. The layers, lowest first, are the folders of spareforslag_xl/ (see the README, 'How
the code is organised').
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "spareforslag_xl"

LAYERS = ("model", "core", "content", "io", "workbook", "master", "importer", "reconcile", "render", "app", "cli")
"""Lowest first: a module may import from its own layer and the ones before it."""

# spareforslag_xl.locale holds only the gettext catalogues (data, no code), read by model/i18n.py.
TOP_LEVEL = {"spareforslag_xl": 0, "spareforslag_xl.locale": 0, "spareforslag_xl.__main__": len(LAYERS)}
"""The package's face (its version) sits below everything; ``python -m`` above everything."""


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imported(path: Path, name: str) -> set[str]:
    """Return the package's modules that the module at path imports, anywhere in it."""
    known = modules()
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target.startswith("spareforslag_xl") and target != name:
                found.add(target)
    return found


def layer(name: str) -> int:
    if name in TOP_LEVEL:
        return TOP_LEVEL[name]
    folder = name.split(".")[1]
    if folder not in LAYERS:
        pytest.fail(f"{name}: a module outside the layers {', '.join(LAYERS)}; put it in one of them")
    return LAYERS.index(folder)


GRAPH = {name: imported(path, name) for name, path in modules().items()}


def test_every_module_is_in_a_layer():
    loose = [n for n in GRAPH if n not in TOP_LEVEL and n.count(".") == 1 and n.split(".")[1] not in LAYERS]
    assert loose == [], f"modules at the package's top, outside the layers: {loose}"


def test_no_import_runs_up_a_layer():
    upward = sorted(f"{name} ({LAYERS[layer(name)] if name not in TOP_LEVEL else name}) imports {target} "
                    f"({LAYERS[layer(target)] if target not in TOP_LEVEL else target})"
                    for name, targets in GRAPH.items() for target in targets if layer(target) > layer(name))
    assert upward == []


def test_no_import_circles():
    circles = strongly_connected(GRAPH)
    assert circles == [], "modules that import each other in a circle: " + "; ".join(" ↔ ".join(c) for c in circles)


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Return the groups of more than one module that reach each other (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_the_checks_see_an_upward_import_and_a_circle():
    assert strongly_connected({"a": {"b"}, "b": {"a"}, "c": set()}) == [["a", "b"]]
    assert layer("spareforslag_xl.cli.main") > layer("spareforslag_xl.app.build") > layer("spareforslag_xl.model.plan")
