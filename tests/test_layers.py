"""The house's layers, read from every import statement in tui/ (lazy and TYPE_CHECKING imports
included): core <- services <- messages/commands <- widgets <- screens <- app/cli, no import
circles, and no module grown too big to know.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "tui"

# Lower layers never import higher ones. Modules of one layer may import each other (no circles).
LAYERS: tuple[tuple[str, ...], ...] = (
    ("tui.core",),
    ("tui.services",),
    ("tui.messages", "tui.commands"),
    ("tui.widgets",),
    ("tui.screens",),
    ("tui.app", "tui.cli", "tui.__main__", "tui"),
)
LINES_SOFT = 400
LINES_HARD = 600
# Modules between the soft and the hard limit, and why splitting them would hurt.
BIG_ON_PURPOSE: dict[str, str] = {
    # Each is one class whose methods share state; the filed splits are in the issues.
    "tui.app": "the App: start-up order, workers and navigation are one sequence",
    "tui.screens.compare.screen": "one screen wiring its parts (navigation, mentions, find)",
    "tui.screens.search": "one screen: typing, workers, paint order are one loop",
    # Owned by other work in flight (issue 11 splits land with it: see PENDING_SPLIT).
    "tui.core.index": "being split into the two-stage indexer (issue 14)",
    "tui.core.facts.quantities": "the quantity rules read as one table of patterns",
    "tui.core.search": "being split with the ranking work (issue 13)",
}

PENDING_SPLIT = {
    "tui.core.index",
    "tui.core.search",
}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


MODULES: dict[str, Path] = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer_of(module: str) -> int:
    best, best_len = -1, -1
    for number, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best_len:
                best, best_len = number, len(prefix)
    assert best >= 0, f"{module} is in no layer: add it to LAYERS"
    return best


def imports_of(module: str) -> set[str]:
    """The tui modules `module` imports, resolved to modules that exist."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            # `from pkg import mod` imports the module; `from mod import name` the module only.
            names = [f"{target}.{alias.name}" for alias in node.names]
            names = [n for n in names if n in MODULES] or [target]
        else:
            continue
        for name in names:
            # `import a.b.c` needs a, a.b and a.b.c: the longest that is a tui module counts.
            while name and name not in MODULES:
                name = name.rpartition(".")[0]
            if name.startswith("tui") and name != module:
                found.add(name)
    return found


GRAPH: dict[str, set[str]] = {m: imports_of(m) for m in MODULES}


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_imports_a_higher_layer(module: str) -> None:
    mine = layer_of(module)
    upward = sorted(dep for dep in GRAPH[module] if layer_of(dep) > mine and dep != "tui")
    assert not upward, f"{module} (layer {mine}) imports higher layers: {upward}"


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_circles() -> None:
    # The package's own __init__ imports nothing: every edge to "tui" is the namespace only.
    graph = {m: {d for d in deps if d != "tui"} for m, deps in GRAPH.items()}
    assert cycles(graph) == []


def test_the_cycle_finder_finds_cycles() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert cycles(graph) == [["a", "b", "c"]]


@pytest.mark.parametrize("module", sorted(MODULES))
def test_modules_stay_small(module: str) -> None:
    lines = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    if module not in PENDING_SPLIT:
        assert lines <= LINES_HARD, f"{module}: {lines} lines (split it along its responsibilities)"
    if lines > LINES_SOFT:
        assert module in BIG_ON_PURPOSE, f"{module}: {lines} lines; split it or say why not"


def test_big_on_purpose_lists_only_big_modules() -> None:
    small = [
        m
        for m in BIG_ON_PURPOSE
        if m in MODULES and len(MODULES[m].read_text(encoding="utf-8").splitlines()) <= LINES_SOFT
    ]
    assert small == [], f"no longer over {LINES_SOFT} lines: drop them from BIG_ON_PURPOSE"
