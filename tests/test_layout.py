"""The package's layout: stage subpackages, short modules, no import circles, one geography.

These checks read the source files (not the imported package), so a circle hidden behind
a lazy import or an import inside a function is found too.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "analysis"
STAGES = ("records", "sources", "counting", "stats", "extraction", "figures")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def import_graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    """Which package module imports which (top level or inside functions)."""
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                if target.split(".")[0] != "analysis":
                    continue
                for alias in node.names:
                    sub = f"{target}.{alias.name}"
                    graph[name].add(sub if sub in modules else target)
            elif isinstance(node, ast.Import):
                graph[name].update(
                    a.name
                    for a in node.names
                    if a.name.split(".")[0] == "analysis" and a.name in modules
                )
    return graph


def find_circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every back edge of a depth-first walk, as the circle it closes."""
    state: dict[str, int] = {}
    path: list[str] = []
    circles: list[list[str]] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                circles.append([*path[path.index(nxt) :], nxt])
            elif nxt in graph and not state.get(nxt):
                visit(nxt)
        path.pop()
        state[node] = 2

    for node in sorted(graph):
        if not state.get(node):
            visit(node)
    return circles


def test_find_circles_finds_a_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_circles(graph) == [["a", "b", "c", "a"]]
    assert find_circles({"a": {"b"}, "b": set()}) == []


def test_import_graph_reads_relative_and_nested_imports(tmp_path: Path) -> None:
    modules = {
        "analysis.x.one": tmp_path / "one.py",
        "analysis.x.two": tmp_path / "two.py",
        "analysis.x": tmp_path / "__init__.py",
    }
    modules["analysis.x.one"].write_text("def f():\n    from .two import g\n")
    modules["analysis.x.two"].write_text("from analysis.x import one\n")
    modules["analysis.x"].write_text("")
    graph = import_graph(modules)
    assert graph["analysis.x.one"] == {"analysis.x.two"}
    assert graph["analysis.x.two"] == {"analysis.x.one"}


@pytest.mark.parametrize("stage", STAGES)
def test_every_stage_is_a_subpackage_with_a_face(stage: str) -> None:
    face = PACKAGE / stage / "__init__.py"
    assert face.is_file(), f"analysis/{stage}/ has no __init__.py"
    assert '"""' in face.read_text(encoding="utf-8")[:200], f"analysis/{stage} has no docstring"


def test_no_module_over_1000_lines() -> None:
    long = {
        name: n
        for name, path in _modules().items()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 1000
    }
    assert not long, f"modules over 1,000 lines: {long}"


def test_no_import_circle_between_modules() -> None:
    circles = find_circles(import_graph(_modules()))
    assert not circles, "import circles: " + "; ".join(" -> ".join(c) for c in circles)


@pytest.mark.parametrize(
    "name",
    [
        "GOVERNORATES",
        "BADIA_GOVERNORATES",
        "GOVERNORATE_SPELLINGS",
        "IS_SIDE_PATTERN",
        "IS_ACTOR_PATTERN",
        "Z95",
    ],
)
def test_one_definition_of_each_shared_constant(name: str) -> None:
    pattern = re.compile(rf"^\s*{name}\s*(?::[^=]+)?=", re.MULTILINE)
    homes = [
        n for n, path in _modules().items() if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert len(homes) == 1, f"{name} is defined in {homes}"


@pytest.mark.parametrize("stage", STAGES)
def test_readme_stage_table_names_every_public_module(stage: str) -> None:
    readme = (PACKAGE.parent / "README.md").read_text(encoding="utf-8")
    row = next(
        (line for line in readme.splitlines() if line.startswith(f"| `analysis.{stage}` |")), None
    )
    assert row is not None, f"README's stage table has no row for analysis.{stage}"
    listed = set(re.findall(r"`(\w+)`", row.split("|")[2]))
    public = {p.stem for p in (PACKAGE / stage).glob("*.py") if not p.stem.startswith("_")}
    assert public <= listed, f"README's row for analysis.{stage} misses {sorted(public - listed)}"
