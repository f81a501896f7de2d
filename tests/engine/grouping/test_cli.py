"""`immerse solve groups FILE`: the public JSON output and its errors."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from immerse.cli import app
from immerse.engine.formats.mdgplib import read_mdgplib

SMALL = "6 2 ds 2 4 2 4\n" + "".join(
    f"{i} {j} {(i * 7 + j * 3) % 10}\n" for i in range(6) for j in range(i + 1, 6)
)


def test_solve_groups_writes_the_documented_json(tmp_path: Path, diversity) -> None:
    instance, out = tmp_path / "small.txt.gz", tmp_path / "out.json"
    instance.write_bytes(gzip.compress(SMALL.encode()))

    result = CliRunner().invoke(app, ["solve", "groups", str(instance), "--time-limit", "0.2",
                                      "--seed", "3", "--out", str(out)])

    assert result.exit_code == 0, result.output
    payload = json.loads(out.read_text())
    assert set(payload) == {"objective", "seconds", "groups"}
    groups = payload["groups"]
    assert sorted(i for g in groups for i in g) == list(range(6))
    assert all(2 <= len(g) <= 4 for g in groups)
    distances = read_mdgplib(instance).distances
    assert payload["objective"] == pytest.approx(diversity(distances, groups))


def test_solve_groups_prints_json_without_out(tmp_path: Path, mdgp_data: Path) -> None:
    path = mdgp_data / "instances" / "Geo" / "Geo_n010_ss_01.txt.gz"

    result = CliRunner().invoke(app, ["solve", "groups", str(path), "--time-limit", "0.2"])

    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert len(payload["groups"]) == 2
    assert np.isfinite(payload["objective"])


def test_malformed_file_fails_with_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text(SMALL.replace("0 2 ", "0 two "))

    result = CliRunner().invoke(app, ["solve", "groups", str(bad), "--time-limit", "0.1"])

    assert result.exit_code == 1
    assert f"{bad}:3: field j must be an integer" in result.stderr


def test_missing_file_fails_cleanly(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["solve", "groups", str(tmp_path / "none.txt")])

    assert result.exit_code == 1
    assert "none.txt: cannot read file" in result.stderr
