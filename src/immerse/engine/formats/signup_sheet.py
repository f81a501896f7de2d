"""Sign-up sheets: the paper forms passed around the room, or a spreadsheet export.

Reads CSV (UTF-8 with or without BOM, or cp1252; `,` `;` or tab) and XLSX, matches headers
tolerantly (case, spaces, punctuation, common aliases), and validates every cell. Problems
name the file, the spreadsheet row (the header is row 1) and the column as written in the
file. The caller writes nothing unless ``problems`` is empty.

Limits (docs/formats.md): ``MAX_SHEET_BYTES`` for the file, ``LIMITS`` for what an XLSX
inflates to and for rows and columns (CSV too), ``MAX_CELL_CHARS`` per cell.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from immerse.engine.catalogue import DISCIPLINES, FREQUENCIES, LEVEL_LABELS, TOOLS
from immerse.engine.formats.xlsx_bounds import XlsxLimits, check_xlsx
from immerse.engine.levels import QUESTIONS

MAX_SHEET_BYTES = 20 * 1024 * 1024
# The addresses mail can be sent to, as Django's EmailValidator reads them (the outbox
# checks again with it): a dot-atom local part, host names of letters, digits and inner
# hyphens, and a top-level domain of two or more letters (or its punycode).
_LOCAL = re.compile(r"[-!#$%&'*+/=?^_`{}|~0-9a-z]+(\.[-!#$%&'*+/=?^_`{}|~0-9a-z]+)*\Z", re.I)
_DOMAIN = re.compile(r"((?!-)[a-z0-9-]{1,63}(?<!-)\.)+([a-z]{2,63}|xn--[a-z0-9]{1,59})\Z",
                     re.I)


def valid_email(address: str) -> bool:
    """True for an address the outbox can send to (see ``_LOCAL`` and ``_DOMAIN``)."""
    local, at, domain = address.rpartition("@")
    if not at or not local or len(address) > 320 or not _LOCAL.match(local):
        return False
    try:
        domain = domain.encode("idna").decode("ascii")  # "café.example" → "xn--caf-dma…"
    except UnicodeError:
        return False
    return bool(_DOMAIN.match(domain))


LIMITS = XlsxLimits()
MAX_CELL_CHARS = 10_000


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.casefold())


# canonical field -> accepted header spellings (normalized)
_FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("name", "fullname", "naam", "attendee", "participant", "attendeename"),
    "first_name": ("firstname", "givenname", "voornaam", "first"),
    "last_name": ("lastname", "surname", "familyname", "achternaam", "last"),
    "email": ("email", "emailaddress", "mail", "mailaddress", "emailadres"),
    "organization": (
        "organization",
        "organisation",
        "company",
        "employer",
        "org",
        "organizationname",
        "organisatie",
    ),
    "discipline": ("discipline", "department", "function", "field", "profession"),
    "region": ("region", "city", "location", "country", "regio"),
    "microblog": (
        "microblog",
        "microbloghandle",
        "twitter",
        "twitterhandle",
        "mastodon",
        "handle",
        "x",
        "bluesky",
    ),
    "blog": ("blog", "blogurl", "website", "weblog"),
    "video": ("video", "videochannel", "youtube", "videouplink"),
    "stories": ("stories", "story", "storiesibring", "cases", "storiesandcases"),
    "problems": ("problems", "problem", "problemsibring", "challenges", "challenge"),
    "other_tools": ("othertools", "other", "othertool"),
    "level": ("level", "ladder", "ladderlevel"),
}
_HEADER_TO_FIELD = {alias: name for name, aliases in _FIELD_ALIASES.items() for alias in aliases}
for _q in QUESTIONS:
    _HEADER_TO_FIELD[_norm(_q.key)] = f"answer:{_q.key}"
    _HEADER_TO_FIELD["q" + _norm(_q.key)] = f"answer:{_q.key}"
for _tool in TOOLS:
    for _spelling in {_norm(_tool.key), _norm(_tool.label)}:
        _HEADER_TO_FIELD[_spelling] = f"tool:{_tool.key}"
        _HEADER_TO_FIELD[_spelling + "confidence"] = f"confidence:{_tool.key}"

_FREQUENCY_ALIASES: dict[str, str] = {
    **{_norm(key): key for key, _ in FREQUENCIES},
    **{_norm(label): key for key, label in FREQUENCIES},
    "": "never",
    "no": "never",
    "none": "never",
    "0": "never",
    "n": "never",
    "nooit": "never",
    "once": "tried",
    "triedit": "tried",
    "tried once": "tried",
    "sometimes": "monthly",
    "month": "monthly",
    "week": "weekly",
    "often": "weekly",
    "day": "daily",
    "everyday": "daily",
    "always": "daily",
    "dagelijks": "daily",
    "wekelijks": "weekly",
}
_DISCIPLINE_ALIASES: dict[str, str] = {
    **{_norm(key): key for key, _ in DISCIPLINES},
    **{_norm(label): key for key, label in DISCIPLINES},
    "publicrelations": "pr",
    "press": "pr",
    "tech": "technology",
    "it": "technology",
    "ict": "technology",
    "engineering": "technology",
    "comms": "communications",
    "communication": "communications",
    "humanresources": "hr",
    "people": "hr",
    "hrpeople": "hr",
    "": "other",
}
_LEVEL_ALIASES: dict[str, int] = {
    **{str(level): level for level in LEVEL_LABELS},
    **{_norm(label): level for level, label in LEVEL_LABELS.items()},
}


@dataclass(frozen=True, slots=True)
class SheetProblem:
    source: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"{self.source}, row {self.row}"
        if self.column:
            where += f", column {self.column!r}"
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class SheetAttendee:
    row: int
    name: str
    email: str
    organization: str = ""
    discipline: str = "other"
    region: str = ""
    channels: dict[str, str] = field(default_factory=dict)
    stories: str = ""
    problems: str = ""
    other_tools: str = ""
    level: int | None = None
    answers: dict[str, str] = field(default_factory=dict)
    tool_uses: dict[str, tuple[str, int]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SignupSheet:
    attendees: tuple[SheetAttendee, ...]
    problems: tuple[SheetProblem, ...]
    ignored_columns: tuple[str, ...]


class SheetError(ValueError):
    """The file cannot be read as a sheet at all (not CSV/XLSX, too large, no header)."""


def read_signup_sheet(data: bytes, *, source: str) -> SignupSheet:
    """Parse and validate a sign-up sheet given as bytes; ``source`` names it in messages.

    >>> sheet = read_signup_sheet(b"Name;E-mail;Microblogging\\nAnn;ann@x.org;daily 4\\n",
    ...                           source="sheet.csv")
    >>> sheet.attendees[0].tool_uses["microblogging"], sheet.problems
    (('daily', 4), ())
    """
    if len(data) > MAX_SHEET_BYTES:
        raise SheetError(f"{source}: {len(data)} bytes is over the {MAX_SHEET_BYTES} limit")
    rows = _xlsx_rows(data, source) if data[:4] == b"PK\x03\x04" else _csv_rows(data, source)
    _, header = next(rows, (1, []))
    if not any(cell.strip() for cell in header):
        raise SheetError(f"{source}: no header row (expected columns such as Name, E-mail)")
    return _validate(source, header, rows)


def _decode(data: bytes, source: str) -> str:
    """The sheet's text: UTF-8, else Windows-1252 (Excel's "CSV" on Western Windows), decided
    for the whole file. A file with UTF-8 lines and lines in another encoding (two exports
    pasted together) is refused naming them: decoding it either way garbles some names."""
    if b"\x00" in data:
        raise SheetError(f"{source}: not a text sheet (binary data); save it as CSV or XLSX")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    utf8: list[int] = []
    other: list[int] = []
    for number, text in enumerate(data.split(b"\n"), start=1):
        if not text.isascii():
            (utf8 if _is_utf8(text) else other).append(number)
    if utf8:
        raise SheetError(
            f"{source}: mixes encodings: {_lines(utf8)} UTF-8, {_lines(other)} not (Latin-1 "
            "or Windows-1252?); save the whole sheet as UTF-8 and import it again")
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        number = data[: exc.start].count(b"\n") + 1
        raise SheetError(f"{source}, line {number}: byte 0x{data[exc.start]:02x} is neither "
                         "UTF-8 nor Windows-1252; save the sheet as UTF-8") from None


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _lines(numbers: list[int]) -> str:
    """``line 4 is`` / ``lines 2, 3 and 9 are`` / ``lines 2, 3, … (14 in all) are``."""
    if len(numbers) == 1:
        return f"line {numbers[0]} is"
    shown = ", ".join(map(str, numbers[:8]))
    if len(numbers) > 8:
        return f"lines {shown}, … ({len(numbers)} in all) are"
    return f"lines {shown.rsplit(', ', 1)[0]} and {numbers[-1]} are"


def _csv_rows(data: bytes, source: str) -> Iterator[tuple[int, list[str]]]:
    text = _decode(data, source)
    first_line = text.split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=first_line.count)
    reader = csv.reader(_bounded_lines(text, delimiter, source), delimiter=delimiter)
    try:
        for count, row in enumerate(reader, start=1):
            if count > LIMITS.max_rows:
                raise SheetError(f"{source}: more than {LIMITS.max_rows:,} rows, the limit")
            if len(row) > LIMITS.max_columns:
                raise SheetError(f"{source}, line {reader.line_num}: {len(row)} columns, "
                                 f"more than the {LIMITS.max_columns} a sheet may use")
            yield reader.line_num, _cells(source, reader.line_num, row)
    except csv.Error as exc:
        raise SheetError(f"{source}, line {reader.line_num}: {exc}") from exc


#: The longest line a sheet within the limits can hold: every column a full cell, quoted,
#: with its delimiter (a cell's doubled quotes count twice).
MAX_LINE_CHARS = LIMITS.max_columns * (2 * MAX_CELL_CHARS + 3)


def _bounded_lines(text: str, delimiter: str, source: str) -> Iterator[str]:
    """The sheet's lines for ``csv.reader``, each checked before the reader splits it: a row
    of millions of cells is refused here, at the cost of a count, rather than after the
    reader built a list of them (a 20 MiB one-line file cost 0.5-0.9 GB that way)."""
    inside_quotes = False  # whether the line starts inside a quoted (multi-line) cell
    for number, line in enumerate(io.StringIO(text, newline=""), start=1):
        if len(line) > MAX_LINE_CHARS:
            raise SheetError(f"{source}, line {number}: {len(line):,} characters, more than a "
                             f"row of {LIMITS.max_columns} cells can hold")
        quotes = line.count('"')
        # Outside quoted cells a delimiter is a cell boundary, so a line that starts outside
        # them and holds no quote has exactly count + 1 cells (a quoted line is left to the
        # reader, whose row is then bounded by the line's length).
        if not inside_quotes and not quotes and line.count(delimiter) >= LIMITS.max_columns:
            raise SheetError(f"{source}, line {number}: {line.count(delimiter) + 1:,} columns, "
                             f"more than the {LIMITS.max_columns} a sheet may use")
        inside_quotes ^= quotes % 2 == 1
        yield line


def _cells(source: str, row: int, cells: list[str]) -> list[str]:
    for column, cell in enumerate(cells, start=1):
        if len(cell) > MAX_CELL_CHARS:
            raise SheetError(f"{source}, row {row}: cell {column} holds {len(cell):,} "
                             f"characters, more than the {MAX_CELL_CHARS:,} limit")
    return cells


def _xlsx_rows(data: bytes, source: str) -> Iterator[tuple[int, list[str]]]:
    # openpyxl takes ~0.3 s to import and only XLSX sheets need it.
    import openpyxl

    try:
        # First, streaming and in flat memory: what it inflates to, its rows and columns.
        shape = check_xlsx(data, source=source, limits=LIMITS)
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except ValueError as exc:  # over a limit, or damaged (check_xlsx names the file)
        raise SheetError(str(exc)) from exc
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise SheetError(f"{source}: not a readable XLSX workbook ({exc})") from exc
    # Rows are read lazily, so a damaged worksheet fails here, not at load time. The shape
    # bounds them: openpyxl would pad every row out to the sheet's declared dimension.
    rows = book.worksheets[0].iter_rows(max_row=max(shape.rows, 1),
                                        max_col=max(shape.columns, 1), values_only=True)
    try:
        for number, values in enumerate(rows, start=1):
            yield number, _cells(source, number,
                                 ["" if v is None else str(v).strip() for v in values])
    except Exception as exc:  # openpyxl and the XML parser raise many types
        raise SheetError(f"{source}: not a readable XLSX workbook ({exc})") from exc
    finally:
        book.close()


def _validate(
    source: str, header: Sequence[str], rows: Iterator[tuple[int, list[str]]]
) -> SignupSheet:
    columns: list[tuple[int, str, str]] = []  # (index, header as written, field)
    ignored: list[str] = []
    for index, written in enumerate(header):
        target = _HEADER_TO_FIELD.get(_norm(written))
        if target:
            columns.append((index, written.strip(), target))
        elif written.strip():
            ignored.append(written.strip())
    fields = {target for _, _, target in columns}
    problems: list[SheetProblem] = []
    if "email" not in fields:
        problems.append(SheetProblem(source, 1, "", "no e-mail column (e.g. 'E-mail')"))
    if "name" not in fields and "first_name" not in fields:
        problems.append(SheetProblem(source, 1, "", "no name column (e.g. 'Name')"))
    if problems:
        return SignupSheet((), tuple(problems), tuple(ignored))
    attendees: list[SheetAttendee] = []
    first_row_of: dict[str, int] = {}
    for number, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        found = _read_row(source, number, cells, columns, problems)
        if found is None:
            continue
        if found.email in first_row_of:
            problems.append(
                SheetProblem(
                    source,
                    number,
                    _column_name(columns, "email"),
                    f"{found.email} is already on row {first_row_of[found.email]}",
                )
            )
            continue
        first_row_of[found.email] = number
        attendees.append(found)
    return SignupSheet(tuple(attendees), tuple(problems), tuple(ignored))


def _column_name(columns: Sequence[tuple[int, str, str]], target: str) -> str:
    return next((written for _, written, t in columns if t == target), target)


def _read_row(
    source: str,
    number: int,
    cells: Sequence[str],
    columns: Sequence[tuple[int, str, str]],
    problems: list[SheetProblem],
) -> SheetAttendee | None:
    values: dict[str, str] = {}
    written_for: dict[str, str] = {}
    for index, written, target in columns:
        values[target] = cells[index].strip() if index < len(cells) else ""
        written_for[target] = written
    before = len(problems)

    def problem(target: str, message: str) -> None:
        problems.append(SheetProblem(source, number, written_for.get(target, target), message))

    name = values.get("name") or " ".join(
        part for part in (values.get("first_name", ""), values.get("last_name", "")) if part
    )
    name = " ".join(name.split())  # a line break in a cell never reaches a mail header
    if not name:
        problem("name" if "name" in values else "first_name", "a name is required")
    email = values.get("email", "").strip().lower()
    if not valid_email(email):
        problem("email", f"{values.get('email', '')!r} is not a valid e-mail address")
    discipline = _DISCIPLINE_ALIASES.get(_norm(values.get("discipline", "")))
    if discipline is None:
        options = ", ".join(key for key, _ in DISCIPLINES)
        problem("discipline", f"{values['discipline']!r} is not a discipline ({options})")
    level = None
    if values.get("level"):
        level = _LEVEL_ALIASES.get(_norm(values["level"]))
        if level is None:
            problem("level", f"{values['level']!r} is not a level (1-4 or its name)")
    answers = _answers(values, problem)
    tool_uses = _tool_uses(values, problem)
    if len(problems) > before:
        return None
    channels = {key: values[key] for key in ("microblog", "blog", "video") if values.get(key)}
    return SheetAttendee(
        row=number,
        name=name[:200],
        email=email,
        organization=values.get("organization", ""),
        discipline=discipline or "other",
        region=values.get("region", ""),
        channels=channels,
        stories=values.get("stories", ""),
        problems=values.get("problems", ""),
        other_tools=values.get("other_tools", "")[:300],
        level=level,
        answers=answers,
        tool_uses=tool_uses,
    )


def _answers(values: dict[str, str], problem: Report) -> dict[str, str]:
    answers: dict[str, str] = {}
    for question in QUESTIONS:
        raw = values.get(f"answer:{question.key}", "")
        if not raw:
            continue
        by_spelling = {_norm(c.key): c.key for c in question.choices}
        by_spelling.update({_norm(c.label): c.key for c in question.choices})
        choice = by_spelling.get(_norm(raw))
        if choice is None:
            allowed = ", ".join(c.key for c in question.choices)
            problem(f"answer:{question.key}", f"{raw!r} is not one of: {allowed}")
        else:
            answers[question.key] = choice
    return answers


_CELL = re.compile(r"^\s*([A-Za-z][A-Za-z \-]*?)?\s*[(/,:]?\s*([1-5])?\s*\)?\s*$")


Report = Callable[[str, str], None]


def _tool_uses(values: dict[str, str], problem: Report) -> dict[str, tuple[str, int]]:
    """A tool cell holds a frequency, optionally with a confidence: 'daily 4', 'weekly (3)'."""
    uses: dict[str, tuple[str, int]] = {}
    for tool in TOOLS:
        target = f"tool:{tool.key}"
        if target not in values:
            continue
        raw = values[target]
        match = _CELL.match(raw)
        frequency = _FREQUENCY_ALIASES.get(_norm(match.group(1) or "")) if match else None
        bare_number = match is not None and match.group(2) and not match.group(1)
        if match is None or frequency is None or bare_number:
            problem(
                target,
                f"{raw!r} is not a frequency (never, tried, monthly, weekly, daily)"
                " optionally followed by a confidence 1-5",
            )
            continue
        confidence = int(match.group(2)) if match.group(2) else None
        conf_raw = values.get(f"confidence:{tool.key}", "")
        if conf_raw:
            if conf_raw.strip() not in {"1", "2", "3", "4", "5"}:
                problem(f"confidence:{tool.key}", f"{conf_raw!r} is not a confidence 1-5")
                continue
            confidence = int(conf_raw)
        uses[tool.key] = (frequency, confidence or (1 if frequency == "never" else 3))
    return uses
