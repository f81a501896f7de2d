"""Text in an encoding we cannot trust is decided per file or refused by line, never guessed.

What an outside test found: a sign-up sheet mixing UTF-8 and Latin-1 rows imported with
exit 0 and garbled the UTF-8 names ("JosÃ©"); `immerse listen ingest --strict` turned
invalid bytes into U+FFFD and dropped NULs without a word.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from immerse.cli import app
from immerse.engine.formats.signup_sheet import SheetError, read_signup_sheet
from immerse.engine.listening.strict_input import InputRefused, checked_lines
from tests.factories import make_event
from tests.security.hostile import FUZZ

MIXED = (b"Name,E-mail\n" + "José Álvarez,jose@x.example\n".encode()
         + "Zoë Müller,zoe@x.example\n".encode("latin-1") + b"Ann,ann@x.example\n"
         + "Søren,soren@x.example\n".encode("latin-1"))


def test_a_sheet_mixing_utf8_and_latin1_is_refused_naming_the_lines() -> None:
    with pytest.raises(SheetError) as refusal:
        read_signup_sheet(MIXED, source="mixed.csv")
    assert str(refusal.value) == (
        "mixed.csv: mixes encodings: line 2 is UTF-8, lines 3 and 5 are not (Latin-1 or "
        "Windows-1252?); save the whole sheet as UTF-8 and import it again")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1"])
def test_a_sheet_in_one_encoding_reads_its_names_right(encoding: str) -> None:
    data = "Name,E-mail\nJosé Álvarez,jose@x.example\nZoë Müller,zoe@x.example\n"
    sheet = read_signup_sheet(data.encode(encoding), source="one.csv")
    assert [attendee.name for attendee in sheet.attendees] == ["José Álvarez", "Zoë Müller"]


def test_a_byte_in_neither_encoding_is_refused_by_line() -> None:
    data = b"Name,E-mail\nAnn,ann@x.example\nB\x81b,bob@x.example\n"
    with pytest.raises(SheetError, match=r"^bad\.csv, line 3: byte 0x81 is neither UTF-8"):
        read_signup_sheet(data, source="bad.csv")


@pytest.mark.django_db
def test_import_attendees_refuses_the_mixed_sheet_and_writes_nothing(tmp_path: Path) -> None:
    from immerse.people.models import Person, Registration

    make_event(slug="ws")
    path = tmp_path / "mixed.csv"
    path.write_bytes(MIXED)
    before = (Person.objects.count(), Registration.objects.count())
    result = CliRunner().invoke(app, ["import", "attendees", str(path), "--event", "ws"])
    assert result.exit_code == 1
    assert "mixes encodings: line 2 is UTF-8" in result.output
    assert (Person.objects.count(), Registration.objects.count()) == before


# ---- listen ingest --strict -----------------------------------------------------------------

CSV_HEAD = b"id,author,text,created_at\n1,ana,fine,2024-05-03T10:00:00Z\n"


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "data", "reason"), [
    ("latin.csv", CSV_HEAD + b"2,bob,caf\xe9,2024-05-03T10:01:00Z\n",
     "latin.csv, line 3: byte 10 is not UTF-8 (invalid continuation byte)"),
    ("nul.csv", CSV_HEAD + b"2,bob,a\x00b,2024-05-03T10:01:00Z\n",
     "nul.csv, line 3: byte 8 is a NUL"),
    ("nul.jsonl", b'{"status_id": "1", "screen_name": "ana", "text": "a\\u0000b",'
                  b' "created_at": "2019-07-10T09:00:00Z"}\n',
     "nul.jsonl, line 1: a NUL character (\\u0000) at byte 52: it cannot be stored"),
    ("doc.json", b'[{"status_id": "1", "screen_name": "an\xff", "text": "x",'
                 b' "created_at": "2019-07-10T09:00:00Z"}]',
     "doc.json, line 1: byte 39 is not UTF-8 (invalid start byte)"),
])
def test_strict_ingest_refuses_bad_bytes_by_line_and_writes_nothing(
        tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    from immerse.backchannel.models import Post

    make_event(slug="ws")
    path = tmp_path / name
    path.write_bytes(data)
    result = CliRunner().invoke(app, ["listen", "ingest", str(path), "--event", "ws",
                                      "--strict"])
    assert result.exit_code == 1, result.output
    assert f"{tmp_path}/{reason}" in result.output.replace("\n", "")
    assert "--strict: nothing was written." in result.output
    assert Post.objects.count() == 0


@pytest.mark.django_db
def test_a_line_without_end_is_refused_unread_in_any_mode(tmp_path: Path) -> None:
    from immerse.backchannel.models import Post

    make_event(slug="ws")
    path = tmp_path / "one-line.csv"
    path.write_bytes(CSV_HEAD + b"2,bob," + b"x" * (2 * 1024 * 1024))
    result = CliRunner().invoke(app, ["listen", "ingest", str(path), "--event", "ws"])
    assert result.exit_code == 1
    assert "line 3: longer than 1,048,576 bytes" in result.output.replace("\n", "")
    assert Post.objects.count() == 0  # the batch in flight never reached the database


@FUZZ
@given(lines=st.lists(st.binary(max_size=12).map(lambda b: b.replace(b"\n", b"")),
                      max_size=6))
def test_strict_lines_pass_exactly_utf8_without_nuls(lines: list[bytes]) -> None:
    def clean(line: bytes) -> bool:
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            return False
        return b"\x00" not in line and b"\\u0000" not in line

    try:
        passed = list(checked_lines(lines, source="x", strict=True))
    except InputRefused as refused:
        assert not clean(lines[refused.line - 1])
        assert all(clean(line) for line in lines[:refused.line - 1])
    else:
        assert passed == lines and all(map(clean, lines))
