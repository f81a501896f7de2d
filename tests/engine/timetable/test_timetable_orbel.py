"""The ORBEL folder reader, `immerse solve timetable`, and a smoke run on ORBEL 2017."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from immerse.cli import app
from immerse.engine.formats.orbel import OrbelFormatError, read_orbel
from immerse.engine.timetable.model import (
    Timetable,
    check_timetable,
    missed_attendance,
    session_hops,
)
from immerse.engine.timetable.solve import solve_timetable

ORBEL = Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "assign" / "orbel"

TALKS = "talk_id,presenter_id,keywords\n1,10,x\n2,20,x\n3,30,y\n4,40,y\n5,50,z\n"
PREFERENCES = "participant_id,talk_id\n7,1\n7,2\n8,1\n8,3\n9,4\n9,5\n9,2\n"
SESSIONS = "session_id,n_rooms,n_talks_per_room\nTA,2,2\nTB,2,1\n"


def write_folder(folder: Path, **files: str) -> Path:
    contents = {"talks": TALKS, "preferences": PREFERENCES, "sessions": SESSIONS} | files
    for name, text in contents.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    return folder


def test_read_orbel_builds_the_problem(tmp_path: Path) -> None:
    problem = read_orbel(write_folder(tmp_path))

    assert problem.talk_ids == ("1", "2", "3", "4", "5")
    assert problem.presenter_ids == ("10", "20", "30", "40", "50")
    assert [(b.block_id, b.n_rooms, b.n_positions) for b in problem.blocks] == [
        ("TA", 2, 2),
        ("TB", 2, 1),
    ]
    assert problem.participant_ids == ("7", "8", "9")
    assert problem.wants[2] == frozenset({"2", "4", "5"})


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {"sessions": "session_id,n_rooms,n_talks_per_room\nTA,2,two\n"},
            r"sessions.csv, row 2, column 'n_talks_per_room': 'two' is not a whole number",
        ),
        (
            {"sessions": "session_id,n_rooms,n_talks_per_room\nTA,2,2\nTB,0,1\n"},
            r"sessions.csv, row 3, column 'n_rooms': 0 must be at least 1",
        ),
        (
            {"sessions": "session_id,rooms,n_talks_per_room\nTA,2,2\n"},
            r"sessions.csv, row 1, column 'n_rooms': missing column in the header",
        ),
        (
            {"preferences": "participant_id,talk_id\n7,1\n7,99\n"},
            r"preferences.csv, row 3, column 'talk_id': talk '99' is not in talks.csv",
        ),
        (
            {"preferences": "participant_id,talk_id\n7,1\n,2\n"},
            r"preferences.csv, row 3, column 'participant_id': empty value",
        ),
        (
            {"talks": "talk_id,presenter_id\n1,10\n2,20\n1,30\n"},
            r"talks.csv, row 4, column 'talk_id': talk '1' already given in row 2",
        ),
        (
            {"talks": "talk_id,presenter_id\n1,10\n2,20,extra\n"},
            r"talks.csv, row 3: 3 cells, the header has 2",
        ),
        (
            {"sessions": "session_id,n_rooms,n_talks_per_room\nTA,2,2\n"},
            r"5 talks do not fit in 4 slots",
        ),
    ],
)
def test_read_orbel_names_file_row_and_column_of_bad_input(
    tmp_path: Path, files: dict[str, str], expected: str
) -> None:
    with pytest.raises(OrbelFormatError, match=expected):
        read_orbel(write_folder(tmp_path, **files))


def test_read_orbel_reports_a_missing_file(tmp_path: Path) -> None:
    write_folder(tmp_path)
    (tmp_path / "sessions.csv").unlink()
    with pytest.raises(OrbelFormatError, match=r"sessions.csv: file not found"):
        read_orbel(tmp_path)


def test_cli_writes_a_valid_timetable_as_json(tmp_path: Path) -> None:
    folder = write_folder(tmp_path)
    out = tmp_path / "timetable.json"

    result = CliRunner().invoke(
        app,
        ["solve", "timetable", str(folder), "--time-limit", "30", "--seed", "3", "--out", str(out)],
    )

    assert result.exit_code == 0, result.output
    written = json.loads(out.read_text(encoding="utf-8"))
    assert set(written) == {"missed_attendance", "hops", "seconds", "blocks"}
    problem = read_orbel(folder)
    timetable = Timetable(
        rooms=tuple(
            tuple(
                tuple(None if t is None else str(t) for t in room) for room in written["blocks"][b]
            )
            for b in ("TA", "TB")
        )
    )
    check_timetable(problem, timetable)
    assert written["missed_attendance"] == missed_attendance(problem, timetable) == 0
    assert written["hops"] == session_hops(problem, timetable)


def test_cli_prints_json_to_stdout_without_out(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["solve", "timetable", str(write_folder(tmp_path))])

    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["missed_attendance"] == 0


def test_cli_rejects_a_malformed_folder_naming_the_place(tmp_path: Path) -> None:
    folder = write_folder(tmp_path, sessions="session_id,n_rooms,n_talks_per_room\nTA,x,2\n")

    result = CliRunner().invoke(app, ["solve", "timetable", str(folder)])

    assert result.exit_code == 2
    assert "sessions.csv, row 2, column 'n_rooms'" in result.stderr
    assert result.stdout == ""


def test_orbel_2017_short_run_is_valid_and_beats_published_figures() -> None:
    folder = ORBEL / "orbel2017"
    if not folder.is_dir():
        pytest.skip(f"ORBEL 2017 data not found at {folder.resolve()}")
    problem = read_orbel(folder)
    assert (len(problem.talk_ids), len(problem.participant_ids)) == (80, 104)
    assert sum(len(w) for w in problem.wants) == 1200

    timetable = solve_timetable(problem, effort=0.05, seed=0)

    check_timetable(problem, timetable)
    # Published best (matching pipeline) is 231; random timetables average about 270.
    assert missed_attendance(problem, timetable) < 231
    assert session_hops(problem, timetable) < 400
