"""Who may import whom, read from the source with `ast` (nothing is imported to check it).

The rules (docs/ARCHITECTURE.md draws them):

1. No module outside gui/ imports fieldapp.gui or Qt (PySide6, shiboken6): not at module level,
   not under TYPE_CHECKING, not inside a function. One exception, inside functions only:
   commands/gui.py, the command that starts the GUI (`fieldapp gui`, `fieldapp screenshots`),
   imports it when it runs, so the CLI and everything under it load without Qt. (cli.py reaches
   that command through importlib, by name, and imports no GUI code itself.)
2. core/ (pure rules) imports nothing from store/ or services/.
3. store/ imports nothing from services/ or gui/.
4. Inside store/ the imports form layers, with no cycle: engine.py imports nothing else from the
   store, and no store module imports another store module inside a function (an import hidden
   in a function is how a cycle gets dodged instead of broken).
5. gui/ never touches SQL or the database's rows: no SQLAlchemy, no ORM tables, no unit of work,
   no backup (screens call services; `fieldapp screenshots` stages its states in demo_sync.py).
   It may hold a `Store` (open it, hand it to the services) and ask the engine what went wrong.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
PACKAGE = SRC / "fieldapp"
QT = ("PySide6", "shiboken6")
GUI_STARTERS = {"fieldapp.commands.gui"}  # rule 1: may import fieldapp.gui inside a function


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, e.g. fieldapp.store.db
    target: str  # what it imports, e.g. fieldapp.store.engine
    lazy: bool  # inside a function
    type_checking: bool  # under `if TYPE_CHECKING:`
    line: int

    def __str__(self) -> str:
        where = "inside a function" if self.lazy else "under TYPE_CHECKING" if self.type_checking else ""
        return f"{self.module}:{self.line} imports {self.target} {where}".rstrip()


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _resolve(module: str, node: ast.ImportFrom, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    base = base[: len(base) - node.level + (1 if is_package else 0)]
    return ".".join(base + ([node.module] if node.module else []))


class _Collector(ast.NodeVisitor):
    def __init__(self, module: str, is_package: bool) -> None:
        self.module, self.is_package = module, is_package
        self.lazy = self.type_checking = 0
        self.found: list[Import] = []

    def _add(self, target: str, line: int) -> None:
        self.found.append(Import(self.module, target, self.lazy > 0, self.type_checking > 0, line))

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.lazy += 1
        self.generic_visit(node)
        self.lazy -= 1

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_If(self, node: ast.If) -> None:
        test = node.test
        guarded = (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
            isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
        )
        self.type_checking += guarded
        for child in node.body:
            self.visit(child)
        self.type_checking -= guarded
        for child in node.orelse:
            self.visit(child)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(alias.name, node.lineno)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        base = _resolve(self.module, node, self.is_package)
        for alias in node.names:  # `from fieldapp.store import db` imports the module fieldapp.store.db
            sub = f"{base}.{alias.name}"
            self._add(sub if sub in MODULES else base, node.lineno)


def _imports() -> list[Import]:
    found = []
    for module, path in MODULES.items():
        collector = _Collector(module, path.name == "__init__.py")
        collector.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        found += collector.found
    return found


IMPORTS = _imports()


def _in(name: str, *packages: str) -> bool:
    return any(name == p or name.startswith(p + ".") for p in packages)


def _offences(importers, targets: tuple[str, ...], allow=lambda imp: False) -> list[str]:
    """The imports by a module in `importers` (a predicate on its name) of anything in `targets`."""
    return [
        str(imp) for imp in IMPORTS if importers(imp.module) and _in(imp.target, *targets) and not allow(imp)
    ]


def test_the_checker_sees_the_code():
    """Guards the rules below against passing on nothing (a wrong path, a parser that found no import)."""
    assert "fieldapp.store.db" in MODULES and "fieldapp.gui.app" in MODULES
    lazy_gui = [i for i in IMPORTS if i.module == "fieldapp.commands.gui" and _in(i.target, "fieldapp.gui")]
    assert lazy_gui and all(i.lazy for i in lazy_gui)


def test_nothing_outside_gui_imports_the_gui_or_qt():
    def outside_gui(module: str) -> bool:
        return not _in(module, "fieldapp.gui")

    def starts_the_gui(imp: Import) -> bool:
        return imp.lazy and imp.module in GUI_STARTERS and _in(imp.target, "fieldapp.gui")

    assert _offences(outside_gui, ("fieldapp.gui", *QT), starts_the_gui) == []


@pytest.mark.parametrize(
    ("layer", "forbidden"),
    [
        ("fieldapp.core", ("fieldapp.store", "fieldapp.services")),
        ("fieldapp.store", ("fieldapp.services", "fieldapp.gui")),
    ],
)
def test_a_lower_layer_imports_no_higher_one(layer, forbidden):
    assert _offences(lambda module: _in(module, layer), forbidden) == []


def test_the_gui_touches_no_sql():
    sql = ("sqlalchemy", "fieldapp.store.models", "fieldapp.store.unit_of_work", "fieldapp.store.backup")
    assert _offences(lambda module: _in(module, "fieldapp.gui"), sql) == []


def test_the_engine_is_the_bottom_of_the_store():
    assert _offences(lambda module: module == "fieldapp.store.engine", ("fieldapp.store",)) == []


def test_no_store_module_imports_another_inside_a_function():
    lazy = [imp for imp in IMPORTS if imp.lazy and _in(imp.module, "fieldapp.store")]
    assert [str(imp) for imp in lazy if _in(imp.target, "fieldapp.store")] == []


def test_the_store_modules_import_one_another_without_a_cycle():
    graph: dict[str, set[str]] = {}
    for imp in IMPORTS:
        inside = _in(imp.module, "fieldapp.store") and _in(imp.target, "fieldapp.store")
        if inside and not imp.type_checking and imp.target not in {"fieldapp.store", imp.module}:
            graph.setdefault(imp.module, set()).add(imp.target)
    done: set[str] = set()

    def visit(module: str, path: tuple[str, ...]) -> None:
        assert module not in path, f"import cycle: {' -> '.join((*path, module))}"
        if module not in done:
            for target in sorted(graph.get(module, ())):
                visit(target, (*path, module))
            done.add(module)

    for module in sorted(graph):
        visit(module, ())
