"""The shape holds: a pure engine, layered apps, no import loops (import-linter contracts),
no unexplained function-level imports and no private helpers shared across apps (AST scans)."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "immerse"
ENGINE = PACKAGE / "engine"
FORBIDDEN = ("django", "ninja", "immerse.events", "immerse.people", "immerse.program",
             "immerse.tables", "immerse.backchannel", "immerse.learning", "immerse.api",
             "immerse.cli", "immerse.config")


def test_import_linter_contract_holds() -> None:
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint, "import-linter is a dev dependency: pip install -e '.[dev]'"
    result = subprocess.run([lint], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 3 kept, 0 broken" in result.stdout


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_engine_module_imports_the_web_layer() -> None:
    offenders = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in sorted(ENGINE.rglob("*.py"))
        for name in _imported_modules(path)
        if any(name == f or name.startswith(f + ".") for f in FORBIDDEN)
    ]
    assert offenders == []
    assert len(list(ENGINE.rglob("*.py"))) > 3  # the scan really saw the engine


def _source_files() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts)


def _function_level_imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of each import inside a function or method body."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for func in ast.walk(tree):
        if isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(func):
                if isinstance(node, ast.Import):
                    found.append((node.lineno, node.names[0].name))
                elif isinstance(node, ast.ImportFrom):
                    found.append((node.lineno, "." * node.level + (node.module or "")))
    return found


def _has_reason(lines: list[str], lineno: int) -> bool:
    """A comment on the import's line, or on a comment line just above it (or above the run
    of imports it belongs to), says why it is not at module level."""
    if "#" in lines[lineno - 1]:
        return True
    above = lineno - 2
    while above >= 0 and lines[above].strip().startswith(("from ", "import ", ")")):
        above -= 1
    return above >= 0 and lines[above].strip().startswith("#")


def test_function_level_imports_say_why() -> None:
    unexplained = []
    for path in _source_files():
        lines = path.read_text(encoding="utf-8").splitlines()
        unexplained += [f"{path.relative_to(ROOT)}:{line} imports {module}"
                        for line, module in _function_level_imports(path)
                        if not _has_reason(lines, line)]
    assert unexplained == []


def test_the_scan_finds_an_unexplained_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    import json\n\n\ndef g():\n"
                      "    # Slow to import; only this command needs it.\n    import csv\n")
    lines = sample.read_text().splitlines()
    found = _function_level_imports(sample)
    assert [(line, _has_reason(lines, line)) for line, _ in found] == [(2, False), (7, True)]


def _app_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "immerse" else ""


def test_no_private_name_is_imported_from_another_app() -> None:
    offenders = []
    for path in _source_files():
        here = _app_of(".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts))
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                there = _app_of(node.module)
                private = [a.name for a in node.names if a.name.startswith("_")]
                if there and there != here and private:
                    offenders.append(f"{path.relative_to(ROOT)}: {node.module} {private}")
    assert offenders == []
