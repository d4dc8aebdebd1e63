"""The shape of the package: no import circles, modules of a few hundred lines, short functions.

Every module of ``pipeline/`` (the templates Jinja2 compiled into ``precompiled/`` aside) is
read with ``ast``, never imported. An import circle is one through any import of a
``pipeline`` module, lazy ones (inside a function, under ``TYPE_CHECKING``) too: each says
what a module needs. A module over ``MAX_MODULE`` lines, or one with a function over
``MAX_FUNCTION`` lines, fails unless its docstring says why, on a line of its own that starts
with ``MARKER`` and gives the reason.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "pipeline"
MAX_MODULE = 400  # lines
MAX_FUNCTION = 60  # lines, its signature and docstring included
MARKER = "Long because:"


def modules(package: Path) -> dict[str, Path]:
    """Every module of ``package`` by its dotted name, the compiled templates aside."""
    found = {}
    for path in sorted(package.rglob("*.py")):
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        if "precompiled" in parts and path.name.startswith("t_"):
            continue  # made by Jinja2 (make templates), never imported
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The modules of ``known`` that the module ``name`` imports, wherever it does."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".")
                if path.name != "__init__.py":
                    anchor.pop()
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        else:
            continue
        found |= {t for t in targets if t in known and t != name and not name.startswith(t + ".")}
    return found


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def stated_reason(tree: ast.Module) -> str | None:
    """The reason the module's docstring gives for its length (after ``MARKER``), if any."""
    for line in (ast.get_docstring(tree) or "").splitlines():
        if line.strip().startswith(MARKER):
            return line.strip().removeprefix(MARKER).strip() or None
    return None


def too_long(path: Path, shown: str) -> list[str]:
    """``shown:line: ...`` for the module at ``path`` if it is over ``MAX_MODULE`` lines, and
    for each of its functions over ``MAX_FUNCTION``; nothing when its docstring says why."""
    text = path.read_text(encoding="utf-8")
    tree = ast.parse(text)
    if stated_reason(tree):
        return []
    found = []
    lines = text.count("\n")
    if lines > MAX_MODULE:
        found.append(f"{shown}:1: {lines} lines (more than {MAX_MODULE}), and no '{MARKER}'")
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            length = node.end_lineno - node.lineno + 1 if node.end_lineno else 0
            if length > MAX_FUNCTION:
                found.append(
                    f"{shown}:{node.lineno}: {node.name} is {length} lines "
                    f"(more than {MAX_FUNCTION}), and the module gives no '{MARKER}'"
                )
    return found


def test_the_package_has_no_import_circle() -> None:
    known = modules(PACKAGE)
    graph = {name: imports(name, path, known) for name, path in known.items()}
    assert circles(graph) == []


def test_no_module_or_function_is_long_without_a_stated_reason() -> None:
    found = []
    for path in modules(PACKAGE).values():
        found += too_long(path, path.relative_to(REPO).as_posix())
    assert found == []


# The measures themselves, on a package made for them.


@pytest.fixture
def package(tmp_path: Path) -> Path:
    root = tmp_path / "pkg"
    (root / "sub").mkdir(parents=True)
    (root / "precompiled").mkdir()
    (root / "__init__.py").write_text('"""A package."""\n', encoding="utf-8")
    (root / "sub" / "__init__.py").write_text("from pkg.sub.b import B\n", encoding="utf-8")
    (root / "a.py").write_text("def f():\n    from pkg.sub import b\n", encoding="utf-8")
    (root / "sub" / "b.py").write_text("from ..a import f\nB = 1\n", encoding="utf-8")
    (root / "c.py").write_text("import pkg.a\n", encoding="utf-8")
    (root / "precompiled" / "t_1.py").write_text("import pkg.c\n", encoding="utf-8")
    return root


def test_a_lazy_or_relative_import_makes_a_circle(package: Path) -> None:
    known = modules(package)
    assert sorted(known) == ["pkg", "pkg.a", "pkg.c", "pkg.sub", "pkg.sub.b"]
    graph = {name: imports(name, path, known) for name, path in known.items()}
    assert graph["pkg.a"] == {"pkg.sub", "pkg.sub.b"}
    assert graph["pkg.sub.b"] == {"pkg.a"}
    assert circles(graph) == [["pkg.a", "pkg.sub", "pkg.sub.b"]]
    graph["pkg.sub.b"] = set()
    assert circles(graph) == []


def test_a_long_module_or_function_needs_its_reason_stated(tmp_path: Path) -> None:
    long_function = "def f():\n" + "    x = 1\n" * MAX_FUNCTION
    path = tmp_path / "m.py"
    path.write_text('"""A module."""\n' + long_function, encoding="utf-8")
    assert too_long(path, "m.py") == [
        f"m.py:2: f is {MAX_FUNCTION + 1} lines (more than {MAX_FUNCTION}), "
        f"and the module gives no '{MARKER}'"
    ]
    path.write_text('"""A module."""\n' + "x = 1\n" * MAX_MODULE, encoding="utf-8")
    assert too_long(path, "m.py") == [
        f"m.py:1: {MAX_MODULE + 1} lines (more than {MAX_MODULE}), and no '{MARKER}'"
    ]
    path.write_text(f'"""A module.\n\n{MARKER}\n"""\n' + long_function, encoding="utf-8")
    assert too_long(path, "m.py") != []  # a marker without a reason is none
    path.write_text(
        f'"""A module.\n\n{MARKER} one table of cases.\n"""\n' + long_function, encoding="utf-8"
    )
    assert too_long(path, "m.py") == []
