"""Hostile files: every importer raises only its own documented error, and writes all or nothing.

Each parser gets small valid examples mutated the way files break (see ``hostile.py``) plus
plain random bytes; hand-written attacks (XML entities, external DTDs, huge numbers, NULs)
are pinned as examples of their own.
"""

from __future__ import annotations

import gzip
import io
import tempfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import assume, example, given

from immerse.engine.formats.frab_xml import parse_frab_xml
from immerse.engine.formats.mdgplib import MdgplibError, parse_mdgplib, read_mdgplib
from immerse.engine.formats.orbel import OrbelFormatError, read_orbel
from immerse.engine.formats.schedule import ScheduleFormatError
from immerse.engine.formats.schedule_json import schedule_to_json
from immerse.engine.formats.signup_sheet import SheetError, SignupSheet, read_signup_sheet
from immerse.engine.listening.parse import parse_posts
from tests.security.hostile import FUZZ, hostile, zip_member, zip_with

# ---- sign-up sheets -------------------------------------------------------------------------

SHEET_CSV = (
    b"Name;E-mail;Organization;Discipline;Microblogging\n"
    b"Ann Smit;ann@acme.example;Acme;pr;daily 4\n"
    b"Bob de Vries;bob@acme.example;Acme;it;weekly (3)\n",
    b"First name,Last name,Email,Level\r\nAnn,Smit,ann@acme.example,2\r\n"
    b'"Bob, Jr.",de Vries,"bob@acme.example",beginner\r\n',
    b"\xef\xbb\xbfName\tE-mail\tRegion\nAnn\tann@acme.example\tUtrecht\n",
)


def _xlsx(rows: list[list[str]]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


SHEET_XLSX = _xlsx([["Name", "E-mail", "Discipline"], ["Ann Smit", "ann@acme.example", "pr"],
                    ["Bob de Vries", "bob@acme.example", "hr"]])
WORKSHEET = "xl/worksheets/sheet1.xml"


def assert_sheet_well_formed(sheet: SignupSheet) -> None:
    """Problems name the file and a row; every row problem names its column too."""
    for problem in sheet.problems:
        assert problem.source == "fuzz.csv"
        assert problem.row >= 1
        assert problem.column or problem.row == 1, problem
        assert str(problem).startswith(f"fuzz.csv, row {problem.row}")
    assert all(attendee.row >= 2 for attendee in sheet.attendees)


@FUZZ
@given(data=hostile((*SHEET_CSV, SHEET_XLSX)))
@example(data=b"Name,Email\n" + b"x" * 5000 + b'"' + b"y" * 140_000)
@example(data=b"PK\x03\x04" + b"\x00" * 100)
def test_signup_sheet_bytes_raise_only_sheet_error(data: bytes) -> None:
    try:
        sheet = read_signup_sheet(data, source="fuzz.csv")
    except SheetError as error:
        assert str(error).startswith("fuzz.csv")
        return
    assert_sheet_well_formed(sheet)


@FUZZ
@given(data=hostile((zip_member(SHEET_XLSX, WORKSHEET),)))
@example(data=zip_member(SHEET_XLSX, WORKSHEET)[:-40])
def test_signup_sheet_damaged_worksheet_raises_only_sheet_error(data: bytes) -> None:
    try:
        sheet = read_signup_sheet(zip_with(SHEET_XLSX, WORKSHEET, data), source="fuzz.csv")
    except SheetError:
        return
    assert_sheet_well_formed(sheet)


def test_signup_sheet_truncated_worksheet_is_a_sheet_error() -> None:
    worksheet = zip_member(SHEET_XLSX, WORKSHEET)
    damaged = zip_with(SHEET_XLSX, WORKSHEET, worksheet[: len(worksheet) // 2])
    with pytest.raises(SheetError, match=r"^sheet\.xlsx: "):
        read_signup_sheet(damaged, source="sheet.xlsx")


def test_signup_sheet_with_a_late_nul_byte_is_refused() -> None:
    data = b"Name,Email\n" + b"Ann,ann@acme.example\n" * 300 + b"Bob\x00,bob@acme.example\n"
    with pytest.raises(SheetError, match="binary data"):
        read_signup_sheet(data, source="sheet.csv")


def test_signup_sheet_entity_bomb_in_xlsx_is_refused_unexpanded() -> None:
    worksheet = zip_member(SHEET_XLSX, WORKSHEET)
    entities = "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    bomb = (b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a0 "lol">'
            + entities.encode() + b"]>"
            + worksheet[worksheet.index(b"<worksheet"):].replace(b"Ann Smit", b"&a9;"))
    with pytest.raises(SheetError, match=r"^bomb\.xlsx: a worksheet declares a DTD"):
        read_signup_sheet(zip_with(SHEET_XLSX, WORKSHEET, bomb), source="bomb.xlsx")


@pytest.mark.django_db
@FUZZ
@given(data=hostile((
    *SHEET_CSV, b"Name,E-mail,Discipline\nAnn,ann@acme.example,pr\nBob,bob@acme,astrology\n")))
def test_attendees_import_writes_everything_or_nothing(data: bytes) -> None:
    from immerse.people.models import Assessment, Person, Registration, ToolUse
    from immerse.people.services.imports import ImportRefused, attendees_import
    from tests.factories import make_event

    try:
        sheet = read_signup_sheet(data, source="fuzz.csv")
    except SheetError:
        return
    event = make_event(capacity=1)
    tables = (Person, Registration, ToolUse, Assessment)
    before = [table.objects.count() for table in tables]
    try:
        report = attendees_import(event=event, sheet=sheet)
    except ImportRefused as refusal:
        assert refusal.problems == [str(problem) for problem in sheet.problems]
        assert [table.objects.count() for table in tables] == before
        return
    assert not sheet.problems
    emails = sorted(attendee.email for attendee in sheet.attendees)
    assert sorted(Registration.objects.filter(event=event)
                  .values_list("person__email", flat=True)) == emails
    assert report.confirmed == min(1, len(emails))


@pytest.mark.django_db
def test_attendees_import_refusal_names_rows_and_writes_nothing() -> None:
    from immerse.people.models import Person, Registration
    from immerse.people.services.imports import ImportRefused, attendees_import
    from tests.factories import make_event

    event = make_event()
    sheet = read_signup_sheet(
        b"Name,E-mail,Discipline\nAnn,ann@acme.example,pr\n<script>,x@y,astrology\n",
        source="sheet.csv")
    with pytest.raises(ImportRefused) as refusal:
        attendees_import(event=event, sheet=sheet)
    assert refusal.value.problems == [
        "sheet.csv, row 3, column 'E-mail': 'x@y' is not a valid e-mail address",
        "sheet.csv, row 3, column 'Discipline': 'astrology' is not a discipline "
        "(marketing, pr, technology, communications, hr, other)",
    ]
    assert (Person.objects.count(), Registration.objects.count()) == (0, 0)


# ---- backchannel posts ----------------------------------------------------------------------

POSTS = {
    "jsonl": (b'{"status_id": "1", "screen_name": "ana", "text": "Hi #useR2019?",'
              b' "created_at": "2019-07-10T09:00:00Z"}\n'
              b'{"id": "2", "created_at": "2024-05-03T10:00:00.000Z", "url": "https://m.example/2",'
              b' "content": "<p>Toot #x</p>", "account": {"acct": "bo@m.example"}}\n',),
    "json": (b'[{"status_id": "1", "screen_name": "ana", "text": "Hi", "created_at":'
             b' "2019-07-10T09:00:00Z", "reply_to_status_id": "0"}]',),
    "csv": (b"id,author,text,created_at,url,hashtags\n"
            b'1,ana,"hello, #x",2024-05-03T10:00:00Z,https://example.org/1,x;y\n'
            b"2,bob,plain,1714730400,,\n",
            b"text,favorited,replyToSN,created,truncated,replyToSID,id,replyToUID,"
            b"statusSource,screenName\nHi #a,FALSE,NA,2019-07-10 09:00:00,FALSE,NA,11,NA,x,ana\n"),
    "feed": (b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item>'
             b"<title>Post #one</title><link>https://blog.example/1</link>"
             b"<pubDate>Mon, 06 Sep 2021 16:45:00 +0000</pubDate></item></channel></rss>",
             b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>A</title>'
             b"<updated>2024-05-03T10:00:00Z</updated><id>x</id></entry></feed>"),
    "notes": (b"2024-05-03 10:15 @alice: Room 2 asks: can we get the slides?\n"
              b"    and the recording\n# a comment\n2024-05-03T10:20+02:00 Coffee is late.\n",),
}


def _consume(data: bytes, fmt: str, *, as_lines: bool) -> tuple[int, list[int]]:
    source = data.splitlines(keepends=True) if as_lines else data
    records, lines = 0, []
    for batch in parse_posts(source, fmt=fmt, source="fuzz", batch_size=3):
        records += len(batch.records)
        lines += [problem.line for problem in batch.problems]
        for record in batch.records:
            assert record.created_at.utcoffset() is not None
            assert record.source_id and record.author
    return records, lines


FEED_WARNING = ("hole: parse_feed's entry.get('updated_parsed') triggers feedparser's "
                "DeprecationWarning (an error under our warning policy)")
HOLES = {"csv": b"id,author,text,created_at\n1,ana,hi,99999999999999999999\n",
         "feed": b'<rss version="2.0"><channel><title>t</title><item><title>A</title>'
                 b"<pubDate>not a date</pubDate></item></channel></rss>"}


@pytest.mark.parametrize("fmt", [
    "csv",
    "feed",
    "json", "jsonl", "notes"])
def test_parse_posts_never_raises_and_problems_carry_a_line(fmt: str) -> None:
    @FUZZ
    @given(data=hostile(POSTS[fmt]))
    @example(data=HOLES.get(fmt, POSTS[fmt][0]))  # a known hole stays found
    def check(data: bytes) -> None:
        for as_lines in (False, True):
            _, lines = _consume(data, fmt, as_lines=as_lines)
            assert all(line >= 1 for line in lines)

    check()


def test_parse_posts_valid_seeds_read_without_problems() -> None:
    # The seeds are real inputs: mutations start from something that parses.
    counts = {fmt: [_consume(seed, fmt, as_lines=False) for seed in seeds]
              for fmt, seeds in POSTS.items()}
    assert counts == {"csv": [(2, []), (1, [])], "feed": [(1, []), (1, [])],
                      "json": [(1, [])], "jsonl": [(2, [])], "notes": [(2, [])]}


@pytest.mark.parametrize(("fmt", "data", "line"), [
    pytest.param("csv", HOLES["csv"], 2),
    ("jsonl", b'{"id": "1", "screen_name": "ana", "text": "hi", "created_at": 1e300}\n', 1),
])
def test_parse_posts_absurd_epoch_is_a_problem_on_its_line(fmt: str, data: bytes,
                                                           line: int) -> None:
    assert _consume(data, fmt, as_lines=False) == (0, [line])


def test_parse_posts_feed_entry_with_unreadable_date_is_a_problem() -> None:
    assert _consume(HOLES["feed"], "feed", as_lines=False) == (0, [1])


def test_feed_entities_are_neither_fetched_nor_expanded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    bombs = "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    feed = (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "{secret.as_uri()}">'
            f'<!ENTITY a0 "lollollollol">{bombs}]><rss version="2.0"><channel><title>t</title>'
            "<item><title>&xxe; &a9;</title><pubDate>Mon, 06 Sep 2021 16:45:00 +0000</pubDate>"
            "</item></channel></rss>").encode()
    texts = [record.text for batch in parse_posts(feed, fmt="feed") for record in batch.records]
    assert not any("TOP-SECRET" in text for text in texts)
    assert all(len(text) < 1000 for text in texts)


@pytest.mark.django_db
@FUZZ
@given(data=hostile(POSTS["jsonl"] + POSTS["csv"]))
def test_strict_posts_ingest_writes_nothing_when_it_raises(data: bytes) -> None:
    from immerse.backchannel.models import Post
    from immerse.backchannel.services import IngestAborted, posts_ingest
    from tests.factories import make_event

    event = make_event()
    fmt = "jsonl" if data.lstrip(b"\xef\xbb\xbf \n").startswith(b"{") else "csv"
    before = Post.objects.count()
    try:
        report = posts_ingest(event=event, data=data, fmt=fmt, source_name="fuzz",
                              strict=True)
    except IngestAborted as aborted:
        assert str(aborted).startswith("fuzz, line ")
        assert Post.objects.count() == before
        return
    assert Post.objects.count() == before + report.created
    assert report.problems == []


@pytest.mark.django_db
def test_strict_posts_ingest_rolls_back_earlier_batches() -> None:
    from immerse.backchannel.models import Post
    from immerse.backchannel.services import BATCH, IngestAborted, posts_ingest
    from tests.factories import make_event

    event = make_event()
    good = (b'{"status_id": "%d", "screen_name": "ana", "text": "t",'
            b' "created_at": "2019-07-10T09:00:00Z"}\n')
    # One more than a batch: the first batch is already written when the bad line comes.
    data = b"".join(good % n for n in range(BATCH + 1)) + b"{not json\n"
    with pytest.raises(IngestAborted, match=rf"^fuzz, line {BATCH + 2}: invalid JSON"):
        posts_ingest(event=event, data=data, fmt="jsonl", source_name="fuzz", strict=True)
    assert Post.objects.count() == 0


@pytest.mark.django_db
def test_posts_ingest_drops_nul_characters() -> None:
    from immerse.backchannel.models import Post
    from immerse.backchannel.services import posts_ingest
    from tests.factories import make_event

    data = (b'{"status_id": "1", "screen_name": "a\\u0000na", "text": "a\\u0000b",'
            b' "created_at": "2019-07-10T09:00:00Z"}\n')
    posts_ingest(event=make_event(), data=data, fmt="jsonl", source_name="fuzz")
    assert list(Post.objects.values_list("author", "text")) == [("ana", "ab")]


# ---- schedules ------------------------------------------------------------------------------

SCHEDULE_XML = b"""<?xml version="1.0" encoding="utf-8"?>
<schedule><version>1</version>
<conference><acronym>demo</acronym><title>Demo</title><start>2024-02-03</start>
<end>2024-02-03</end><time_zone_name>Europe/Brussels</time_zone_name></conference>
<day index="1" date="2024-02-03"><room name="Main">
<event id="7" guid="c6f4c8b0-4c5a-4a57-9d55-6d1f0d0a1b01"><date>2024-02-03T09:30:00+01:00</date>
<start>09:30</start><duration>00:25</duration><room>Main</room><title>Welcome</title>
<type>lecture</type><abstract>Hi &amp; welcome</abstract>
<persons><person id="3">Ann</person></persons></event></room></day></schedule>"""
SCHEDULE_JSON = schedule_to_json(parse_frab_xml(SCHEDULE_XML))


def _parse_schedule(data: bytes, source: str):
    from immerse.program.services.schedule import parse_schedule

    return parse_schedule(data, source=source)


@FUZZ
@given(data=hostile((SCHEDULE_XML, SCHEDULE_JSON)))
def test_parse_schedule_raises_only_schedule_format_error(data: bytes) -> None:
    try:
        schedule = _parse_schedule(data, "fuzz.xml")
    except ScheduleFormatError as error:
        assert "fuzz.xml" in str(error)
        return
    assert all(event.title is not None for event in schedule.events)


@pytest.mark.django_db
@FUZZ
@given(data=hostile((SCHEDULE_XML, SCHEDULE_JSON)))
def test_schedule_import_writes_everything_or_nothing(data: bytes) -> None:
    from django.db import DatabaseError

    from immerse.events.models import Event, Room, Session, TimeSlot
    from immerse.program.selectors import schedule_export
    from immerse.program.services.schedule import schedule_import

    try:
        schedule = _parse_schedule(data, "fuzz.xml")
    except ScheduleFormatError:
        return
    tables = (Event, Room, TimeSlot, Session)
    before = [table.objects.count() for table in tables]
    try:
        event = schedule_import(schedule=schedule, slug="fuzz").event
    except DatabaseError:  # must not happen: but if it does, nothing may remain
        assert [table.objects.count() for table in tables] == before
        raise
    assert Session.objects.filter(event=event).count() == len(schedule.events)
    for fmt in ("xml", "json"):  # whatever was imported exports and reads back
        assert len(_parse_schedule(schedule_export(event=event, fmt=fmt), fmt).events) == len(
            schedule.events)
    Event.objects.filter(slug="fuzz").delete()


def test_parse_schedule_seeds_are_valid() -> None:
    assert [e.title for e in _parse_schedule(SCHEDULE_XML, "s.xml").events] == ["Welcome"]
    assert [e.title for e in _parse_schedule(SCHEDULE_JSON, "s.json").events] == ["Welcome"]


def _with_doctype(doctype: str, title: str) -> bytes:
    body = SCHEDULE_XML.split(b"?>", 1)[1].replace(b"<title>Demo</title>",
                                                   f"<title>{title}</title>".encode())
    return f'<?xml version="1.0"?>{doctype}'.encode() + body


@pytest.mark.parametrize(("name", "doctype", "title"), [
    ("billion laughs",
     '<!DOCTYPE schedule [<!ENTITY a0 "lol">' + "".join(
         f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)) + "]>", "&a9;"),
    ("external entity", '<!DOCTYPE schedule [<!ENTITY xxe SYSTEM "{secret}">]>', "&xxe;"),
    ("parameter entity", '<!DOCTYPE schedule [<!ENTITY % p SYSTEM "{secret}"> %p;]>', "Demo"),
    ("entity via parameter entity",
     '<!DOCTYPE schedule [<!ENTITY % p "<!ENTITY leak SYSTEM \'{secret}\'>"> %p;]>', "&leak;"),
])
def test_schedule_xml_entities_are_refused(tmp_path: Path, name: str, doctype: str,
                                           title: str) -> None:
    secret = tmp_path / "passwd"
    secret.write_text("TOP-SECRET-VALUE")
    data = _with_doctype(doctype.replace("{secret}", secret.as_uri()), title)
    with pytest.raises(ScheduleFormatError, match="entity declarations are refused") as error:
        _parse_schedule(data, "evil.xml")
    assert "TOP-SECRET" not in str(error.value)


def test_schedule_xml_external_dtd_is_not_loaded(tmp_path: Path) -> None:
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ENTITY leak "TOP-SECRET-VALUE">')
    data = _with_doctype(f'<!DOCTYPE schedule SYSTEM "{dtd.as_uri()}">', "&leak;")
    try:
        schedule = _parse_schedule(data, "evil.xml")
    except ScheduleFormatError as error:
        assert "TOP-SECRET" not in str(error)
    else:
        assert "TOP-SECRET" not in schedule.conference.title


@pytest.mark.parametrize("data", [b"[" * 100_000, b"<a>" * 100_000, b'{"schedule": ' * 5000,
                                  b"\xff\xfe<\x00s\x00", b"", b"   "])
def test_schedule_nesting_and_encodings_are_format_errors(data: bytes) -> None:
    with pytest.raises(ScheduleFormatError):
        _parse_schedule(data, "deep.json")


# ---- MDGPLIB instances ----------------------------------------------------------------------

MDGP = (b"3 1 ss 3 3\n0 1 1.5\n0 2 2\n1 2 4\n",
        b"4 2 ds 1 3 1 3\n0 1 1\n0 2 2\n0 3 3\n1 2 4\n1 3 5\n2 3 6\n")
MAX_FUZZ_ITEMS = 2000


def _declares_huge_instance(text: str) -> bool:
    header = next((line for line in text.splitlines() if line.strip()), "")
    return any(token.isdigit() and len(token) > 3 and int(token) > MAX_FUZZ_ITEMS
               for token in header.split()[:1])


@FUZZ
@given(data=hostile(MDGP))
def test_mdgplib_raises_only_its_error(data: bytes) -> None:
    # Huge declared sizes are pinned by a test below.
    text = data.decode("latin-1")
    assume(not _declares_huge_instance(text))
    with tempfile.TemporaryDirectory() as folder:
        for name, content in (("x.txt", data), ("x.txt.gz", gzip.compress(data)),
                              ("y.txt.gz", data[:2] + b"\x1f\x8b" + data[2:])):
            path = Path(folder) / name
            path.write_bytes(content)
            try:
                instance = read_mdgplib(path)
            except MdgplibError as error:
                assert str(error).startswith(str(path))
                continue
            assert instance.distances.shape == (instance.n, instance.n)
            assert (instance.distances == instance.distances.T).all()


def test_mdgplib_seeds_are_valid() -> None:
    assert [parse_mdgplib(seed.decode(), source="s").n for seed in MDGP] == [3, 4]


def test_mdgplib_huge_declared_size_is_an_mdgplib_error() -> None:
    # A 30-byte header claiming 10^9 items must not allocate 10^18 cells first.
    with pytest.raises(MdgplibError, match=r"x: \d+ pair\(s\) missing after line 1"):
        parse_mdgplib("1000000000 1 ss 0 1000000000\n", source="x")


# ---- agenda problem files -------------------------------------------------------------------

AGENDA = (b'{"slots": ["am", "pm"], "sessions": [{"id": "s1", "slot": "am", "topic": "x",'
          b' "min": 0, "max": 30}, {"id": "s2", "slot": "pm", "topic": "y"}],'
          b' "attendees": [{"id": "a1", "cost": {"x": 0, "y": 3}, "default_cost": 10,'
          b' "required_slots": ["am"]}], "one_per_slot": "exactly", "no_repeat_topic": true}',)


@FUZZ
@given(data=hostile(AGENDA))
def test_agenda_problem_raises_only_its_error(data: bytes) -> None:
    agenda_problem = pytest.importorskip("immerse.engine.formats.agenda_problem")
    try:
        problem = agenda_problem.parse_agenda_problem(data, source="fuzz.json")
    except agenda_problem.AgendaFormatError as error:
        assert str(error).startswith("fuzz.json: ")
        return
    assert agenda_problem.parse_agenda_problem(agenda_problem.problem_json(problem)) == problem


# ---- ORBEL timetable folders ----------------------------------------------------------------

ORBEL = {"talks.csv": b"talk_id,presenter_id,keywords\nt1,p1,a\nt2,p2,b\nt3,p1,\n",
         "preferences.csv": b"participant_id,talk_id\nu1,t1\nu1,t2\nu2,t3\n",
         "sessions.csv": b"session_id,n_rooms,n_talks_per_room\ns1,2,1\ns2,1,1\n"}


def _read_orbel_with(name: str, data: bytes):
    with tempfile.TemporaryDirectory() as folder:
        for file, content in ORBEL.items():
            (Path(folder) / file).write_bytes(data if file == name else content)
        return read_orbel(Path(folder))


@pytest.mark.parametrize("name", sorted(ORBEL))
def test_orbel_raises_only_its_error(name: str) -> None:
    @FUZZ
    @given(data=hostile((ORBEL[name],)))
    def check(data: bytes) -> None:
        try:
            problem = _read_orbel_with(name, data)
        except OrbelFormatError as error:
            assert str(error).startswith(str(error.path))
            return
        assert len(problem.talk_ids) == len(set(problem.talk_ids))

    check()


def test_orbel_seed_is_valid() -> None:
    assert _read_orbel_with("talks.csv", ORBEL["talks.csv"]).talk_ids == ("t1", "t2", "t3")


def test_orbel_oversized_cell_is_a_format_error() -> None:
    data = b'talk_id,presenter_id\n"' + b"x" * 140_000 + b'",p1\n'
    with pytest.raises(OrbelFormatError, match=r"talks\.csv, row 2"):
        _read_orbel_with("talks.csv", data)
