"""CSV downloads that a spreadsheet opens safely: UTF-8 with a byte-order mark (so Excel reads
accents right) and every text cell neutralised against formula injection.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula, and
some also after a leading tab or carriage return; a sign-up's name such as
``=HYPERLINK("http://evil.example", "Click")`` would otherwise run on the organizer's machine.
OWASP's advice is followed: such a cell gets a leading single quote, which spreadsheets show
as text and which a reader of the raw file can strip. Numbers are written as they are.

(The defusedcsv package does the same for ``= + - @ | %`` but leaves a leading tab or
carriage return alone and rewrites ``|`` inside the text, so it is not used.)
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence

from django.http import HttpResponse

#: First characters that make a spreadsheet treat a cell as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell_safe(value: object) -> object:
    """``value`` as a spreadsheet will show it, never run it: text starting like a formula
    gets a leading ``'``; numbers and empty values pass unchanged.

    >>> cell_safe('=1+1'), cell_safe('-2 apples'), cell_safe(-2), cell_safe('Ann')
    ("'=1+1", "'-2 apples", -2, 'Ann')
    """
    if value is None or isinstance(value, int | float):
        return value
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_download(*, filename: str, header: Sequence[str],
                 rows: Iterable[Sequence[object]]) -> HttpResponse:
    """A CSV attachment: UTF-8 with BOM, CRLF line ends (RFC 4180), every cell neutralised."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([cell_safe(name) for name in header])
    for row in rows:
        writer.writerow([cell_safe(value) for value in row])
    return response
