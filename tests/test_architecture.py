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


def _unexplained_imports(path: Path) -> list[int]:
    """Lines of imports inside functions with no reason given: a comment on the import's line,
    or on the line above the first import of the run of imports it belongs to."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found = []
    for function in ast.walk(ast.parse("\n".join(lines))):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        blocks = [block for node in ast.walk(function)
                  for block in (getattr(node, name, None) for name in ("body", "orelse",
                                                                      "finalbody"))
                  if isinstance(block, list)]
        for block in blocks:
            first: ast.stmt | None = None  # the first import of a run of imports
            for statement in block:
                if not isinstance(statement, ast.Import | ast.ImportFrom):
                    first = None
                    continue
                first = first or statement
                above = lines[first.lineno - 2].strip()
                if "#" not in lines[statement.lineno - 1] and not above.startswith("#"):
                    found.append(statement.lineno)
    return found


def test_function_level_imports_say_why() -> None:
    unexplained = [f"{path.relative_to(ROOT)}:{line}" for path in _source_files()
                   for line in _unexplained_imports(path)]
    assert unexplained == []


def test_the_scan_finds_an_unexplained_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    import json\n\n\ndef g():\n"
                      "    # Slow to import; only this command needs it.\n    import csv\n\n"
                      "    import zlib\n    return csv, zlib\n")
    assert _unexplained_imports(sample) == [2]


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


# Writes belong in services: a view parses, calls a service, renders (docs/architecture.md).
WRITES = {"save", "delete", "create", "update", "bulk_create", "bulk_update",
          "get_or_create", "update_or_create"}
QUERIES = {"objects", "_default_manager", "filter", "exclude", "all", "select_for_update"}
#: ``<receiver>.save()`` calls that are no ORM write of ours, each with why.
ALLOWED_SAVES = {
    "form": "Django's own password forms set the password (people.account_views)",
}


def _view_modules() -> list[Path]:
    return [p for p in _source_files()
            if p.name == "views.py" or p.name.endswith("_views.py") or p.parent.name == "views"]


def _orm_writes(path: Path) -> list[str]:
    """``Model.objects….create()``, ``queryset.update()``, ``obj.save()``, ``obj.delete()``…:
    the calls in ``path`` that write through the ORM."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in WRITES):
            continue
        receiver = node.func.value
        chain = {n.attr for n in ast.walk(receiver) if isinstance(n, ast.Attribute)}
        chain |= {n.func.attr for n in ast.walk(receiver)
                  if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)}
        name = receiver.id if isinstance(receiver, ast.Name) else ""
        if chain & QUERIES or (node.func.attr in {"save", "delete"} and name
                               and name not in ALLOWED_SAVES):
            where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
            found.append(f"{where}:{node.lineno} .{node.func.attr}()")
    return found


def test_no_view_writes_through_the_orm() -> None:
    assert len(_view_modules()) > 10  # the scan really saw the views
    assert [write for path in _view_modules() for write in _orm_writes(path)] == []


def test_the_scan_finds_orm_writes(tmp_path: Path) -> None:
    sample = tmp_path / "views.py"
    sample.write_text("def v(request, event, form, run):\n"
                      "    Upload.objects.filter(event=event).delete()\n"
                      "    Upload.objects.create(event=event)\n"
                      "    run.save()\n"
                      "    form.save()\n"
                      "    context = {}\n    context.update(a=1)\n")
    assert [line.split(":")[-1] for line in _orm_writes(sample)] == [
        "2 .delete()", "3 .create()", "4 .save()"]
