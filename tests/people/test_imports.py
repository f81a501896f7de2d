"""`immerse import attendees`: all or nothing, dry runs, re-imports update, fast enough."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from immerse.cli import app
from immerse.engine.formats.signup_sheet import read_signup_sheet
from immerse.people.models import Assessment, Person, Registration, ToolUse
from immerse.people.services.imports import ImportRefused, attendees_import
from tests.factories import make_event, make_registration

pytestmark = pytest.mark.django_db(transaction=True)
HEADER = "Name;E-mail;Organization;Discipline;Microblogging;Blogging;plan;want\n"


def sheet_file(tmp_path: Path, rows: list[str], name: str = "sheet.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def test_good_sheet_imports_everyone_with_levels(tmp_path: Path) -> None:
    event = make_event(slug="ws", capacity=2)
    path = sheet_file(tmp_path, [
        "Ann;ann@a.example;ACME;pr;daily 4;never;none;plan",
        "Bob;bob@b.example;Beta;hr;never;never;;stories",
        "Cas;cas@c.example;Gamma;it;weekly;weekly 2;informal;context",
    ])
    code, output = run("import", "attendees", str(path), "--event", "ws")
    assert code == 0, output
    assert "3 people were created, 0 updated" in output
    assert "(2 confirmed, 1 waitlisted)" in output
    regs = {r.person.email: r for r in Registration.objects.filter(event=event)
            .select_related("person")}
    assert regs["ann@a.example"].level == 3 and regs["ann@a.example"].status == "confirmed"
    assert regs["bob@b.example"].level == 1
    assert regs["cas@c.example"].status == "waitlisted"
    assert ToolUse.objects.get(person__email="ann@a.example",
                               tool__key="microblogging").confidence == 4
    assert Assessment.objects.count() == 3


def test_one_bad_row_changes_nothing_and_names_row_and_column(tmp_path: Path) -> None:
    make_event(slug="ws")
    path = sheet_file(tmp_path, [
        "Ann;ann@a.example;ACME;pr;daily 4;never;none;plan",
        "Bob;bob@b.example;Beta;hr;sometimes;weekly 9;;stories",
    ])
    code, output = run("import", "attendees", str(path), "--event", "ws")
    assert code == 1
    assert f"{path}, row 3, column 'Blogging': 'weekly 9' is not a frequency" in output
    assert "nothing was imported" in output
    assert Person.objects.count() == 0 and Registration.objects.count() == 0


def test_dry_run_reports_and_writes_nothing(tmp_path: Path) -> None:
    make_event(slug="ws", capacity=10)
    path = sheet_file(tmp_path, ["Ann;ann@a.example;ACME;pr;daily 4;never;none;plan"])
    code, output = run("import", "attendees", str(path), "--event", "ws", "--dry-run")
    assert code == 0, output
    assert "Dry run: nothing written." in output
    assert "1 people would be created" in output
    assert Person.objects.count() == 0 and Assessment.objects.count() == 0


def test_reimport_updates_instead_of_duplicating(tmp_path: Path) -> None:
    event = make_event(slug="ws")
    first = sheet_file(tmp_path, ["Ann;ann@a.example;ACME;pr;daily 4;never;none;plan"])
    assert run("import", "attendees", str(first), "--event", "ws")[0] == 0
    again = sheet_file(tmp_path, ["Ann Smit;ANN@a.example;ACME NV;pr;daily 4;weekly 3;none;plan"],
                       name="again.csv")
    code, output = run("import", "attendees", str(again), "--event", "ws")
    assert code == 0 and "0 people were created, 1 updated" in output
    person = Person.objects.get()
    assert (person.name, person.organization) == ("Ann Smit", "ACME NV")
    assert Registration.objects.filter(event=event).count() == 1
    assert ToolUse.objects.get(person=person, tool__key="blogging").frequency == "weekly"
    assert run("import", "attendees", str(again), "--event", "ws")[0] == 0
    assert Assessment.objects.filter(person=person).count() == 1  # nothing changed: no new row


def test_unknown_event_and_unreadable_file_fail_cleanly(tmp_path: Path) -> None:
    path = sheet_file(tmp_path, ["Ann;ann@a.example;ACME;pr;daily;never;none;plan"])
    code, output = run("import", "attendees", str(path), "--event", "nope")
    assert code == 2 and "No event with slug 'nope'" in output
    make_event(slug="ws")
    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\x00\x01garbage")
    code, output = run("import", "attendees", str(binary), "--event", "ws")
    assert code == 1 and "Nothing was imported." in output


def test_import_respects_seats_already_taken() -> None:
    event = make_event(capacity=1)
    make_registration(event=event)
    sheet = read_signup_sheet(HEADER.encode() + b"Ann;ann@a.example;A;pr;;;;\n", source="s")
    report = attendees_import(event=event, sheet=sheet)
    assert (report.confirmed, report.waitlisted) == (0, 1)
    with pytest.raises(ImportRefused):
        attendees_import(event=event, sheet=read_signup_sheet(b"Name,Email\nX,bad\n",
                                                              source="s"))


def test_inventory_command_prints_json_shape(tmp_path: Path) -> None:
    make_event(slug="ws")
    path = sheet_file(tmp_path, [
        "Ann;ann@a.example;ACME;pr;daily 4;never;none;plan",
        "Bob;bob@b.example;Beta;hr;monthly;tried;;stories",
    ])
    run("import", "attendees", str(path), "--event", "ws")
    code, output = run("inventory", "--event", "ws", "--format", "json")
    assert code == 0, output
    data = json.loads(output)
    assert data["attendees"] == 2
    assert data["levels"] == {"1": 0, "2": 1, "3": 1, "4": 0}
    assert data["tools"]["microblogging"]["users"] == 2
    assert data["tools"]["blogging"]["users"] == 0
    code, output = run("inventory", "--event", "ws")
    assert code == 0 and "Microblogging" in output
