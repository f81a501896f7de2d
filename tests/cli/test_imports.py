"""The CLI's rule for imports inside functions: each one says why (a comment on its line,
or on the line above the block of imports it belongs to)."""

from __future__ import annotations

import ast
from pathlib import Path

import immerse.cli

CLI = Path(immerse.cli.__file__).parent


def _unexplained_imports(path: Path) -> list[str]:
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
                    found.append(f"{path.name}:{statement.lineno}")
    return found


def test_every_function_level_import_in_the_cli_says_why() -> None:
    assert [where for path in sorted(CLI.glob("*.py"))
            for where in _unexplained_imports(path)] == []
