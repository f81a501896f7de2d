"""An XLSX workbook checked against its limits before openpyxl reads it.

An XLSX is a zip of XML parts. The upload limit measures the compressed file, but a 1 MB
file can hold a worksheet that inflates to gigabytes, and openpyxl builds every cell of a
row (and pads rows out to the sheet's declared dimension) in memory. So, streaming through
the archive in 64 KiB pieces, memory flat whatever the file holds:

- every member's declared size, and their total, must fit ``max_inflated`` (a lying
  declaration cannot help: zipfile never reads past it, and a CRC mismatch is damage);
- the bytes actually inflated are counted as they come;
- each worksheet is scanned with expat for its rows and cells: at most ``max_rows`` rows
  and ``max_columns`` columns, counting both the cells present and their references
  (``<c r="XFD1">`` would make openpyxl pad the row to 16,384 cells); a DTD is refused.

>>> import io, zipfile
>>> out = io.BytesIO()
>>> with zipfile.ZipFile(out, "w") as archive:
...     archive.writestr("xl/worksheets/sheet1.xml", '<worksheet><sheetData>'
...                      '<row r="1"><c r="C1"/></row></sheetData></worksheet>')
>>> check_xlsx(out.getvalue(), source="s.xlsx", limits=XlsxLimits())
SheetShape(rows=1, columns=3)
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from xml.parsers import expat

from immerse.engine.formats.limits import MIB, InputTooLarge, size_text

__all__ = ["SheetShape", "XlsxLimits", "check_xlsx"]

_CHUNK = 64 * 1024
_WORKSHEET = re.compile(r"^xl/worksheets/[^/]+\.xml$")
_REFERENCE = re.compile(r"^([A-Za-z]+)\d*$")


@dataclass(frozen=True, slots=True)
class XlsxLimits:
    max_inflated: int = 64 * MIB  # all members together, decompressed
    max_members: int = 1000
    max_rows: int = 50_000
    max_columns: int = 200


@dataclass(frozen=True, slots=True)
class SheetShape:
    """The largest row number and column number any worksheet uses."""

    rows: int
    columns: int


class _Refused(Exception):
    """Raised inside expat's callbacks; carries the message out of the parser."""


class _UnreadableSheet(ValueError):
    """A worksheet that is not well-formed XML (the message names the file)."""


def check_xlsx(data: bytes, *, source: str, limits: XlsxLimits) -> SheetShape:
    """Check ``data`` (an XLSX file) against ``limits``; the shape its worksheets use.

    Raises `InputTooLarge` naming ``source`` and what is over the limit, or `ValueError`
    for a damaged archive or worksheet.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise ValueError(f"{source}: not a readable XLSX workbook ({exc})") from None
    with archive:
        members = archive.infolist()
        if len(members) > limits.max_members:
            raise InputTooLarge(f"{source}: {len(members)} parts in the workbook, at most "
                                f"{limits.max_members}")
        declared = sum(member.file_size for member in members)
        if declared > limits.max_inflated:
            raise InputTooLarge(f"{source}: the workbook inflates to {size_text(declared)}, "
                                f"more than the {size_text(limits.max_inflated)} limit")
        shape, inflated = SheetShape(0, 0), 0
        for member in members:
            scan = _SheetScan(source, limits) if _WORKSHEET.match(member.filename) else None
            try:
                with archive.open(member) as stream:
                    while piece := stream.read(_CHUNK):
                        inflated += len(piece)
                        if inflated > limits.max_inflated:  # belt and braces: see above
                            raise InputTooLarge(
                                f"{source}: the workbook inflates to more than "
                                f"{size_text(limits.max_inflated)}, the limit")
                        if scan is not None:
                            scan.feed(piece)
                if scan is not None:
                    scan.close()
                    shape = SheetShape(max(shape.rows, scan.rows),
                                       max(shape.columns, scan.columns))
            except (InputTooLarge, _UnreadableSheet):
                raise
            except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError,
                    NotImplementedError, RuntimeError) as exc:  # zipfile raises all of these
                raise ValueError(f"{source}: damaged workbook part {member.filename} "
                                 f"({exc})") from None
        return shape


class _SheetScan:
    """Counts a worksheet's rows and cells as its XML streams through expat."""

    def __init__(self, source: str, limits: XlsxLimits) -> None:
        self.source, self.limits = source, limits
        self.rows = self.columns = 0
        self._row_cells = 0
        self._parser = expat.ParserCreate()
        self._parser.StartElementHandler = self._start
        self._parser.StartDoctypeDeclHandler = self._doctype

    def feed(self, piece: bytes) -> None:
        self._parse(piece, final=False)

    def close(self) -> None:
        self._parse(b"", final=True)

    def _parse(self, piece: bytes, *, final: bool) -> None:
        try:
            self._parser.Parse(piece, final)
        except _Refused as refused:
            raise InputTooLarge(str(refused)) from None
        except expat.ExpatError as exc:
            raise _UnreadableSheet(f"{self.source}: not a readable XLSX workbook ({exc})"
                                   ) from None

    def _doctype(self, *args: object) -> None:
        raise _Refused(f"{self.source}: a worksheet declares a DTD (refused: XML entity "
                       "expansion)")

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        tag = name.rpartition(":")[2]
        if tag == "row":
            self.rows = max(self.rows + 1, _number(attributes.get("r"), self.rows + 1))
            self._row_cells = 0
            if self.rows > self.limits.max_rows:
                raise _Refused(f"{self.source}: more than {self.limits.max_rows:,} rows, "
                               "the limit")
        elif tag == "c":
            self._row_cells += 1
            column = _column(attributes.get("r"), self._row_cells)
            self._row_cells = column
            self.columns = max(self.columns, column)
            if column > self.limits.max_columns:
                raise _Refused(f"{self.source}, row {self.rows}: a cell in column {column}, "
                               f"beyond the {self.limits.max_columns} columns a sheet may use")


def _number(text: str | None, default: int) -> int:
    """A row number (``r="12"``); an absurdly long one counts as huge, to be refused."""
    if not text or not text.isdigit():
        return default
    return int(text) if len(text) < 12 else 10**12


def _column(reference: str | None, default: int) -> int:
    """The 1-based column of a reference such as ``AB12`` (``default`` when absent)."""
    match = _REFERENCE.match(reference or "")
    if match is None:
        return default
    letters = match.group(1).upper()
    if len(letters) > 3:
        return 10**6  # beyond any sheet: refused
    column = 0
    for letter in letters:
        column = column * 26 + ord(letter) - 64
    return column
