"""The package's shape: no import cycles (lazy imports inside functions count too), and the
stage modules import no caller of theirs (EXAMPLES.md: figures know no HTML, stages know no store)."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "pipeline"


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Module -> the pipeline modules it imports, anywhere in its body (TYPE_CHECKING blocks excluded)."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        typing_only = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
                       and ast.unparse(node.test).endswith("TYPE_CHECKING") for n in ast.walk(node)}
        found: set[str] = set()
        for node in ast.walk(tree):
            if id(node) in typing_only:
                continue
            if isinstance(node, ast.Import):
                found |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module)
                found |= {f"{node.module}.{alias.name}" for alias in node.names}
        graph[name] = {m for m in found if m in modules and m != name and not name.startswith(m + ".")}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every cycle found by depth-first search (one path per back edge)."""
    found, state, stack = [], {}, []

    def visit(node: str) -> None:
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                found.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return found


def test_import_graph_is_acyclic():
    assert cycles(import_graph()) == []


def test_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == [["a", "b", "c", "a"]]


def test_stages_do_not_import_their_callers():
    graph = import_graph()
    callers = ("pipeline.store", "pipeline.run", "pipeline.crawl", "pipeline.cli", "pipeline.research",
               "pipeline.page", "pipeline.engines", "pipeline.oneshot")
    for stage in ("pipeline.fetch", "pipeline.decode", "pipeline.extract", "pipeline.figures", "pipeline.urls"):
        for module in (m for m in graph if m == stage or m.startswith(stage + ".")):
            bad = {m for m in graph[module] if any(m == c or m.startswith(c + ".") for c in callers)}
            assert not bad, f"{module} imports {bad}"
    figures = {m for m in graph if m.startswith("pipeline.figures")}
    assert all(not {"pipeline.extract", "pipeline.decode", "pipeline.discover"} & graph[m] for m in figures)
