"""`immerse solve agenda` through the real Typer app."""

from __future__ import annotations

from pathlib import Path

import orjson
from typer.testing import CliRunner

from immerse.cli import app

PROBLEM = {
    "slots": ["d1-am", "d1-pm"],
    "sessions": [{"id": "ai-am", "slot": "d1-am", "topic": "ai", "max": 1},
                 {"id": "seo-am", "slot": "d1-am", "topic": "seo", "max": 1},
                 {"id": "ai-pm", "slot": "d1-pm", "topic": "ai", "max": 1},
                 {"id": "seo-pm", "slot": "d1-pm", "topic": "seo", "max": 1}],
    "attendees": [{"id": "ann", "cost": {"ai": 0, "seo": 1}},
                  {"id": "bob", "cost": {"ai": 0, "seo": 5}}],
}


def _write(tmp_path: Path, data: object) -> Path:
    file = tmp_path / "problem.json"
    file.write_bytes(orjson.dumps(data))
    return file


def test_cli_writes_the_solution_file(tmp_path: Path) -> None:
    out = tmp_path / "solution.json"
    result = CliRunner().invoke(app, ["solve", "agenda", str(_write(tmp_path, PROBLEM)),
                                      "--time-limit", "5", "--out", str(out)])
    assert result.exit_code == 0, result.output
    solution = orjson.loads(out.read_bytes())
    assert solution["objective"] == 6.0 and solution["lower_bound"] == 6.0
    assert solution["assignment"] == {"ann": ["seo-am", "ai-pm"], "bob": ["ai-am", "seo-pm"]}


def test_cli_prints_to_stdout_without_out(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["solve", "agenda", str(_write(tmp_path, PROBLEM)),
                                      "--fair"])
    assert result.exit_code == 0, result.output
    solution = orjson.loads(result.stdout)
    assert solution["worst_cost"] == 5.0


def test_cli_explains_infeasibility(tmp_path: Path) -> None:
    data = orjson.loads(orjson.dumps(PROBLEM))
    data["attendees"].append({"id": "cy"})
    result = CliRunner().invoke(app, ["solve", "agenda", str(_write(tmp_path, data))])
    assert result.exit_code == 1
    assert "slot d1-am: 3 attendees must be seated but sessions offer 2 seats" in result.stderr


def test_cli_names_the_bad_field(tmp_path: Path) -> None:
    data = orjson.loads(orjson.dumps(PROBLEM))
    data["attendees"][1]["cost"]["ai"] = "low"
    result = CliRunner().invoke(app, ["solve", "agenda", str(_write(tmp_path, data))])
    assert result.exit_code == 2
    assert "attendees[1].cost.ai: expected a number" in result.stderr
