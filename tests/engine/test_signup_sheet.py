"""Sign-up sheets: tolerant headers, encodings, delimiters, XLSX, and exact problem places."""

from __future__ import annotations

import io

import openpyxl
import pytest

from immerse.engine.formats.signup_sheet import SheetError, read_signup_sheet


def test_headers_match_tolerantly_and_cells_parse() -> None:
    data = ("  FULL NAME ;E-Mail Address;Organisation;Department;Twitter;"
            "Social Networking;microblogging confidence;Microblogging;Plan\n"
            "Ann Smit;Ann@Example.org;ACME;Public relations;@ann;weekly (4);2;daily;Written\n")
    sheet = read_signup_sheet(data.encode(), source="s.csv")
    assert sheet.problems == ()
    (ann,) = sheet.attendees
    assert (ann.row, ann.name, ann.email, ann.organization, ann.discipline) == (
        2, "Ann Smit", "ann@example.org", "ACME", "pr")
    assert ann.channels == {"microblog": "@ann"}
    assert ann.tool_uses == {"social-networking": ("weekly", 4), "microblogging": ("daily", 2)}
    assert ann.answers == {"plan": "written"}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_encodings_and_delimiters_are_detected(encoding: str, delimiter: str) -> None:
    rows = [["Name", "Email", "Organization"], ["Zoë Müller", "zoe@x.example", "Café Noir"]]
    text = "\r\n".join(delimiter.join(row) for row in rows) + "\r\n"
    sheet = read_signup_sheet(text.encode(encoding), source="s.csv")
    assert sheet.problems == ()
    assert (sheet.attendees[0].name, sheet.attendees[0].organization) == (
        "Zoë Müller", "Café Noir")


def test_every_problem_names_row_and_column() -> None:
    data = ("Name,E-mail,Discipline,Video sharing,Level\n"
            "Ann,ann@x.example,marketing,daily,2\n"
            ",bob@x.example,sales,sometimes,\n"
            "Cas,cas-at-x,hr,hourly 9,7\n"
            "Dee,ANN@x.example,,never,\n")
    sheet = read_signup_sheet(data.encode(), source="sheet.csv")
    assert [str(p) for p in sheet.problems] == [
        "sheet.csv, row 3, column 'Name': a name is required",
        "sheet.csv, row 3, column 'Discipline': 'sales' is not a discipline "
        "(marketing, pr, technology, communications, hr, other)",
        "sheet.csv, row 4, column 'E-mail': 'cas-at-x' is not a valid e-mail address",
        "sheet.csv, row 4, column 'Level': '7' is not a level (1-4 or its name)",
        "sheet.csv, row 4, column 'Video sharing': 'hourly 9' is not a frequency (never, "
        "tried, monthly, weekly, daily) optionally followed by a confidence 1-5",
        "sheet.csv, row 5, column 'E-mail': ann@x.example is already on row 2",
    ]
    assert [a.email for a in sheet.attendees] == ["ann@x.example"]


def test_addresses_mail_cannot_reach_are_refused_naming_the_row() -> None:
    data = ("Name;E-mail\n"
            "Ann;ann@x.c\n"
            "Bob;bob..smit@x.example\n"
            "Cas;cas@-x.example\n"
            "Dee;dee@localhost\n"
            "Eve;eve@café.example\n")
    sheet = read_signup_sheet(data.encode(), source="s.csv")
    assert [str(p) for p in sheet.problems] == [
        "s.csv, row 2, column 'E-mail': 'ann@x.c' is not a valid e-mail address",
        "s.csv, row 3, column 'E-mail': 'bob..smit@x.example' is not a valid e-mail address",
        "s.csv, row 4, column 'E-mail': 'cas@-x.example' is not a valid e-mail address",
        "s.csv, row 5, column 'E-mail': 'dee@localhost' is not a valid e-mail address"]
    assert [a.email for a in sheet.attendees] == ["eve@café.example"]


def test_a_line_break_in_a_name_cell_is_kept_on_one_line() -> None:
    sheet = read_signup_sheet(b'Name,E-mail\n"Ann\r\nBcc: x@evil.example",ann@x.example\n',
                              source="s.csv")
    assert sheet.attendees[0].name == "Ann Bcc: x@evil.example"


def test_missing_required_columns_are_reported_on_the_header_row() -> None:
    sheet = read_signup_sheet(b"Organisation,Region\nACME,Flanders\n", source="s.csv")
    assert [str(p) for p in sheet.problems] == [
        "s.csv, row 1: no e-mail column (e.g. 'E-mail')",
        "s.csv, row 1: no name column (e.g. 'Name')",
    ]


def test_first_and_last_name_columns_combine_and_unknown_columns_are_listed() -> None:
    sheet = read_signup_sheet(b"Voornaam,Achternaam,Mail,Dieet\nEva,de Boer,e@x.example,veg\n",
                              source="s.csv")
    assert sheet.attendees[0].name == "Eva de Boer"
    assert sheet.ignored_columns == ("Dieet",)


def test_xlsx_sheets_read_with_spreadsheet_row_numbers() -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["Name", "E-mail", "Blogging"])
    ws.append(["Ann", "ann@x.example", "weekly 3"])
    ws.append([None, None, None])
    ws.append(["Bob", "not-an-email", "never"])
    buffer = io.BytesIO()
    book.save(buffer)
    sheet = read_signup_sheet(buffer.getvalue(), source="s.xlsx")
    assert sheet.attendees[0].tool_uses == {"blogging": ("weekly", 3)}
    assert [str(p) for p in sheet.problems] == [
        "s.xlsx, row 4, column 'E-mail': 'not-an-email' is not a valid e-mail address"]


def test_unreadable_files_raise_sheet_errors() -> None:
    with pytest.raises(SheetError, match="no header row"):
        read_signup_sheet(b"", source="empty.csv")
    with pytest.raises(SheetError, match="binary data"):
        read_signup_sheet(b"\x00\x01\x02garbage", source="x.csv")
    with pytest.raises(SheetError, match="not a readable XLSX"):
        read_signup_sheet(b"PK\x03\x04broken zip", source="x.xlsx")
