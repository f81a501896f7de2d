"""Files small on disk and huge inside are refused with a clear error, in bounded memory.

What an outside test found: a 1 MB XLSX inflating to gigabytes grew the server by 1 GB, a
200 MB schedule was accepted, an MDGP gzip bomb took 3.3 GB before refusal, gzip magic plus
garbage was a zlib.error traceback, JSON nested 100,000 deep a RecursionError. Each case
runs in a child process whose memory is capped (a regression fails, it does not swap) and
whose peak growth is measured; the bounds are in docs/formats.md.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from immerse.cli import app
from immerse.engine.formats.mdgplib import MdgplibError, read_mdgplib
from immerse.engine.formats.schedule import ScheduleFormatError
from immerse.engine.formats.signup_sheet import SheetError, read_signup_sheet
from tests.security.bombs import (
    MIB,
    deep_json,
    gzip_bomb,
    huge_schedule_json,
    memory_probe,
    xlsx_bomb,
    xlsx_with_sheet,
)

READ_SHEET = ("from immerse.engine.formats.signup_sheet import read_signup_sheet\n"
              "data = open({path!r}, 'rb').read()")


def _probe_sheet(path: Path) -> tuple[str, float]:
    return memory_probe(READ_SHEET.format(path=str(path)),
                        "read_signup_sheet(data, source='bomb.xlsx')", timeout=180)


@pytest.mark.slow
def test_an_xlsx_inflating_to_256_mib_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(xlsx_bomb(256 * MIB))
    assert path.stat().st_size < 2 * MIB
    outcome, growth = _probe_sheet(path)
    assert outcome.startswith("SheetError: bomb.xlsx: the workbook inflates to 256"), outcome
    assert growth < 32, f"{growth:.0f} MiB"


@pytest.mark.slow
def test_an_xlsx_lying_about_its_size_is_refused_while_streaming(tmp_path: Path) -> None:
    row = b"<row><c><v>1</v></c></row>" * 40_000

    def write(stream) -> None:
        stream.write(b"<worksheet><sheetData>")
        for _ in range(64):  # ~64 MiB behind a declared kilobyte
            stream.write(row)
        stream.write(b"</sheetData></worksheet>")

    path = tmp_path / "liar.xlsx"
    path.write_bytes(xlsx_with_sheet(write, declare=1024))
    outcome, growth = _probe_sheet(path)
    assert outcome.startswith("SheetError: bomb.xlsx: damaged workbook part"), outcome
    assert "CRC" in outcome and growth < 32, (outcome, growth)


@pytest.mark.parametrize(("rows", "message"), [
    (b'<row r="1"><c r="A1"/><c r="XFD1"/></row>', r"row 1: a cell in column 16384, beyond"),
    (b'<row r="1048576"><c r="A1048576"/></row>', r"more than 50,000 rows"),
    (b"<row>" + b"<c/>" * 201 + b"</row>", r"a cell in column 201, beyond the 200"),
])
def test_xlsx_rows_and_columns_beyond_the_limits_are_refused(rows: bytes, message: str) -> None:
    data = xlsx_with_sheet(lambda s: s.write(b"<worksheet><sheetData>" + rows
                                             + b"</sheetData></worksheet>"))
    with pytest.raises(SheetError, match=message):
        read_signup_sheet(data, source="wide.xlsx")


def test_a_csv_sheet_over_the_column_and_cell_limits_is_refused() -> None:
    with pytest.raises(SheetError, match=r"line 1: 300 columns, more than the 200"):
        read_signup_sheet(",".join(["x"] * 300).encode(), source="wide.csv")
    with pytest.raises(SheetError, match=r"row 2: cell 1 holds 20,000 characters"):
        read_signup_sheet(b"Name,E-mail\n" + b"a" * 20_000 + b",a@x.example\n",
                          source="long.csv")


@pytest.mark.slow
@pytest.mark.parametrize(("cells", "message"), [
    (b"ab,", r"line 1: 20,971,520 characters, more than a row of 200 cells can hold"),
    (b'"ab",', r"line 1: 20,971,520 characters, more than a row of 200 cells can hold"),
])
def test_a_20_mib_one_line_csv_is_refused_before_its_cells_are_built(
        tmp_path: Path, cells: bytes, message: str) -> None:
    """Issue 30, item 9: the column limit applied only after csv.reader had built the row,
    a list of millions of strings (520-854 MB for a 20 MiB line)."""
    path = tmp_path / "one-line.csv"
    path.write_bytes((cells * (20 * MIB // len(cells) + 1))[:20 * MIB])
    outcome, growth = memory_probe(READ_SHEET.format(path=str(path)),
                                   "read_signup_sheet(data, source='one-line.csv')",
                                   timeout=180)
    assert outcome.startswith("SheetError"), outcome
    assert re.search(message, outcome), outcome
    assert growth < 160, f"{growth:.0f} MiB"  # 106 MiB measured (the file, its text, the line)


def test_a_long_line_of_many_unquoted_cells_is_refused_at_once() -> None:
    with pytest.raises(SheetError, match=r"line 2: 100,001 columns, more than the 200"):
        read_signup_sheet(b"Name,E-mail\n" + b"," * 100_000 + b"\n", source="wide.csv")


def test_commas_inside_a_quoted_multi_line_cell_are_not_columns() -> None:
    story = "We tried, failed, tried again" + ", and again" * 300
    sheet = read_signup_sheet(
        f'Name,E-mail,Story\nAna,ana@x.example,"first line\n{story}\nlast line"\n'.encode(),
        source="stories.csv")
    assert [a.email for a in sheet.attendees] == ["ana@x.example"]
    assert sheet.attendees[0].stories.endswith(", and again\nlast line")


# ---- schedules ------------------------------------------------------------------------------

@pytest.mark.django_db
def test_import_schedule_refuses_a_file_over_the_size_limit(tmp_path: Path) -> None:
    from immerse.events.models import Event

    path = tmp_path / "huge.json"
    path.write_bytes(b" " * (21 * MIB) + b"{}")
    result = CliRunner().invoke(app, ["import", "schedule", str(path), "--event", "huge"])
    assert result.exit_code == 1
    assert "larger than the 20 MiB a schedule may have" in result.output
    assert "Nothing was imported." in result.output
    assert not Event.objects.filter(slug="huge").exists()


@pytest.mark.parametrize(("data", "message"), [
    (huge_schedule_json(10_001), r"10,001 events, more than the 10,000"),
    (huge_schedule_json(2, title_length=301),
     r"day 1, event 1 \('TTT.*: the title has 301 characters, at most 300"),
    (huge_schedule_json(1).replace(b"Europe/Brussels", b"Mars/Olympus_Mons"),
     r"conference/time_zone_name: 'Mars/Olympus_Mons' is not a time zone"),
    (huge_schedule_json(1).replace(b'"Main"', b'"' + b"R" * 121 + b'"'),
     r"the room has 121 characters, at most 120"),
])
def test_a_schedule_over_its_limits_is_refused_naming_the_place(data: bytes,
                                                                message: str) -> None:
    from immerse.program.services.schedule import parse_schedule

    with pytest.raises(ScheduleFormatError, match=message):
        parse_schedule(data, source="big.json")


# ---- MDGPLIB ----------------------------------------------------------------------------------

@pytest.mark.slow
def test_an_mdgp_gzip_bomb_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip_bomb(512 * MIB))
    outcome, growth = memory_probe(
        "from immerse.engine.formats.mdgplib import read_mdgplib",
        f"read_mdgplib({str(path)!r})")
    assert outcome == (f"MdgplibError: {path}: decompresses to more than 64 MiB, the limit"), \
        outcome
    assert growth < 140, f"{growth:.0f} MiB"


def test_gzip_magic_then_garbage_is_an_mdgplib_error_and_a_clean_exit(tmp_path: Path) -> None:
    path = tmp_path / "garbage.txt.gz"
    # A well-formed gzip header (magic, deflate, no flags), then bytes that are no deflate
    # stream: gzip.decompress raised a bare zlib.error here.
    path.write_bytes(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff" + bytes(range(256)) * 40)
    with pytest.raises(MdgplibError, match=r"garbage\.txt\.gz: corrupt gzip data"):
        read_mdgplib(path)
    result = CliRunner().invoke(app, ["solve", "groups", str(path)])
    assert result.exit_code == 1
    assert "corrupt gzip data" in result.output and "Traceback" not in result.output


def test_an_mdgp_header_claiming_more_items_than_allowed_is_refused() -> None:
    from immerse.engine.formats.mdgplib import parse_mdgplib

    with pytest.raises(MdgplibError, match=r"over the 3000 items an instance may have"):
        parse_mdgplib("5000 1 ss 5000 5000\n" + "0 1 1\n" * 10, source="x")


# ---- event backups ------------------------------------------------------------------------

@pytest.mark.django_db
def test_json_nested_100000_deep_is_refused_by_import_event(tmp_path: Path) -> None:
    from immerse.events.models import Event

    path = tmp_path / "deep.json"
    path.write_bytes(deep_json(100_000))
    result = CliRunner().invoke(app, ["import", "event", str(path)])
    assert result.exit_code == 1, result.output
    assert "nested too deeply" in result.output and "Nothing was imported." in result.output
    assert Event.objects.count() == 0


@pytest.mark.django_db
def test_a_backup_over_the_size_limit_is_refused_unread(tmp_path: Path, settings) -> None:
    settings.IMMERSE_MAX_BACKUP_BYTES = 1024
    path = tmp_path / "big.json"
    path.write_text(json.dumps({"format": "immerse-event", "pad": "x" * 2048}))
    result = CliRunner().invoke(app, ["import", "event", str(path)])
    assert result.exit_code == 1
    assert "larger than the 1 KiB a backup may have" in result.output
