"""Dependencies point one way (docs/architecture.md). Two kinds of check:

- the package graph, read from the source: every import statement of every module (at module
  level, inside functions, under `TYPE_CHECKING`) is checked against the table of allowed
  directions, and the graph between packages has no cycle. A violation names file and line.
- what importing really pulls in: everything below the UI imports without Qt, the domain
  without SQLAlchemy or pyscard, and drivers without the kiosk (a fresh interpreter per check).
"""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PRODUCT = ("domain", "card", "store", "reports", "services", "flows", "ui")

# Which layer may import which (besides itself and third-party libraries). `root` is the
# composition root: the modules directly in kiosk/ (app, config, startup, faults, logs...);
# `commands` is the command line (kiosk/cli.py, kiosk/__main__.py, kiosk/commands/), the one
# entry point that may start the demo; `demo` is the demo tooling (tour, tray, previews,
# samples, demo data), which may use anything but the command line.
ALLOWED: dict[str, set[str]] = {
    "domain": set(),
    "card": {"domain", "drivers"},
    "store": {"domain"},
    "reports": {"domain"},
    "services": {"domain", "card", "store", "reports", "drivers"},
    "flows": {"domain", "services"},
    "ui": {"flows", "services", "domain"},
    "drivers": set(),
    "root": {*PRODUCT, "drivers"},
    "demo": {*PRODUCT, "drivers", "root"},
    "commands": {*PRODUCT, "drivers", "root", "demo"},
}

COMMAND_MODULES = {"kiosk.cli", "kiosk.__main__"}


@dataclass(frozen=True)
class Import:
    source: str  # the importing module
    target: str  # the imported module (as written, made absolute)
    where: str  # path:line

    @property
    def edge(self) -> tuple[str, str | None]:
        return layer_of(self.source), layer_of(self.target)


def layer_of(module: str) -> str | None:
    """The layer of a module of the project, or None for anything else (stdlib, third party)."""
    parts = module.split(".")
    if parts[0] == "drivers":
        return "drivers"
    if parts[0] != "kiosk":
        return None
    if module in COMMAND_MODULES or (len(parts) > 1 and parts[1] == "commands"):
        return "commands"
    if len(parts) > 1 and (ROOT / "kiosk" / parts[1]).is_dir():
        return parts[1]
    return "root"


def python_files() -> Iterator[Path]:
    for top in ("kiosk", "drivers"):
        yield from sorted((ROOT / top).rglob("*.py"))


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> Iterator[Import]:
    """Every import in the file, wherever it stands in it."""
    source = module_name(path)
    package = source.split(".") if path.name == "__init__.py" else source.split(".")[:-1]
    where = path.relative_to(ROOT)
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(source, alias.name, f"{where}:{node.lineno}")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            # `from kiosk.store import seed` imports the module kiosk.store.seed: name it, so
            # the line is judged by the module it brings in, not only by its package.
            modules = [f"{target}.{a.name}" for a in node.names if _is_module(f"{target}.{a.name}")]
            for name in modules or [target]:
                yield Import(source, name, f"{where}:{node.lineno}")


def project_imports() -> list[Import]:
    found = []
    for path in python_files():
        for imported in imports_of(path):
            src, dst = imported.edge
            if dst is not None and src != dst:
                found.append(imported)
    return found


def _is_module(name: str) -> bool:
    """Whether `name` is a module or package of the project (not a name inside a module)."""
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def violations(imports: list[Import]) -> list[str]:
    found = []
    for imported in imports:
        src, dst = imported.edge
        if dst not in ALLOWED[src]:
            found.append(f"{imported.where}: {src} imports {dst} ({imported.target})")
    return found


def cycles(imports: list[Import]) -> list[list[str]]:
    """Every cycle of the package graph, each as the packages round it (Tarjan's components)."""
    graph: dict[str, set[str]] = {}
    for imported in imports:
        src, dst = imported.edge
        graph.setdefault(src, set()).add(str(dst))
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_every_import_follows_the_package_table() -> None:
    found = violations(project_imports())
    assert not found, "imports against the package table:\n" + "\n".join(found)


def test_there_is_no_cycle_between_packages() -> None:
    imports = project_imports()
    found = cycles(imports)
    first: dict[tuple[str, str | None], list[str]] = {}
    for imported in imports:
        first.setdefault(imported.edge, []).append(imported.where)
    detail = [
        f"  {src} -> {dst}: {places[0]}"
        + (f" and {len(places) - 1} more" if len(places) > 1 else "")
        for (src, dst), places in sorted(first.items(), key=str)
        for component in found
        if src in component and dst in component
    ]
    assert not found, f"package cycles {found}:\n" + "\n".join(detail)


def test_no_qt_below_the_ui_in_the_source() -> None:
    below = {"domain", "card", "store", "reports", "services", "flows", "drivers"}
    found = [
        f"{imported.where}: {imported.target}"
        for path in python_files()
        for imported in imports_of(path)
        if layer_of(imported.source) in below and imported.target.split(".")[0] == "PySide6"
    ]
    assert not found, "Qt imported below the ui:\n" + "\n".join(found)


# The checker itself: a planted violation of each kind is found and named.


def _plant(tmp_path: Path, relative: str, code: str) -> Path:
    path = tmp_path / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(code, encoding="utf-8")
    return path


def test_the_checker_finds_a_planted_function_level_import(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    for package in ("kiosk", "kiosk/store", "kiosk/domain", "kiosk/ui", "drivers"):
        _plant(tmp_path, f"{package}/__init__.py", "")
    _plant(tmp_path, "kiosk/config.py", "")
    _plant(tmp_path, "kiosk/domain/ids.py", "")
    _plant(tmp_path, "drivers/assets.py", "")
    _plant(
        tmp_path,
        "kiosk/store/repo.py",
        "from typing import TYPE_CHECKING\n"
        "from kiosk.domain import ids\n"
        "if TYPE_CHECKING:\n"
        "    from kiosk.config import Settings\n"
        "def f():\n"
        "    from .. import config\n",
    )
    _plant(tmp_path, "kiosk/ui/theme.py", "import drivers.assets\n")
    found = violations(project_imports())
    assert found == [
        "kiosk/store/repo.py:4: store imports root (kiosk.config)",
        "kiosk/store/repo.py:6: store imports root (kiosk.config)",
        "kiosk/ui/theme.py:1: ui imports drivers (drivers.assets)",
    ]


def test_the_checker_finds_a_planted_cycle(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    for package in ("kiosk", "kiosk/store", "kiosk/domain", "kiosk/services"):
        _plant(tmp_path, f"{package}/__init__.py", "")
    _plant(tmp_path, "kiosk/domain/a.py", "from kiosk.services import b\n")
    _plant(tmp_path, "kiosk/services/b.py", "from kiosk.store import c\n")
    _plant(tmp_path, "kiosk/store/c.py", "from kiosk.domain import a\n")
    assert cycles(project_imports()) == [["domain", "services", "store"]]


# What importing really pulls in.


def modules_of(package: str) -> list[str]:
    """Every module of `package`, found on disk. Alembic's migration scripts are left out:
    Alembic runs them, they are not importable on their own."""
    folder = ROOT.joinpath(*package.split("."))
    found = [package]
    for info in pkgutil.walk_packages([str(folder)], package + "."):
        if ".migrations." not in info.name + ".":
            found.append(info.name)
    return found


def imported_roots(modules: list[str]) -> set[str]:
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split())


@pytest.mark.parametrize(
    "package",
    ["kiosk.domain", "kiosk.card", "kiosk.services", "kiosk.store", "kiosk.flows", "kiosk.reports"],
)
def test_below_the_ui_nothing_imports_qt(package: str) -> None:
    modules = modules_of(package)
    assert modules, f"no modules found in {package}"
    assert "PySide6" not in imported_roots(modules)


def test_the_domain_imports_no_database_and_no_reader() -> None:
    roots = imported_roots(modules_of("kiosk.domain"))
    assert not roots & {"sqlalchemy", "alembic", "smartcard", "PySide6", "drivers"}


def test_drivers_do_not_import_the_kiosk_and_only_pcsc_imports_pyscard() -> None:
    without_pcsc = [m for m in modules_of("drivers") if m != "drivers.readers.pcsc"]
    roots = imported_roots(without_pcsc)
    assert "kiosk" not in roots
    assert "smartcard" not in roots


def test_the_fault_classifier_imports_without_qt() -> None:
    # kiosk.faults sits beside app.py (it knows the settings' and the key's errors) but must
    # stay testable without a display: the out-of-service reason codes come from it.
    assert "PySide6" not in imported_roots(["kiosk.faults"])
