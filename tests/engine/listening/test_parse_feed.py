"""Feed entries as feedparser's own test suite has them: no title, content only, HTML
titles, no author, odd dates, recoverable errors."""

from __future__ import annotations

from datetime import UTC, datetime

from immerse.engine.listening.parse_feed import parse_feed

DATE = "<pubDate>Mon, 15 Mar 2027 10:00:00 GMT</pubDate>"


def _read(body: str, **options):
    records, problems = [], []
    for batch in parse_feed(body.encode(), **options):
        records += batch.records
        problems += batch.problems
    return records, [(p.line, p.reason) for p in problems]


def _rss(*items: str, channel: str = "<title>Ana</title>") -> str:
    return f'<?xml version="1.0"?><rss version="2.0"><channel>{channel}{"".join(items)}' \
           "</channel></rss>"


def test_an_entry_without_a_title_keeps_its_description() -> None:
    records, problems = _read(_rss(f"<item><guid>g1</guid>{DATE}<description>&lt;p&gt;Hi "
                                   "#msm&lt;/p&gt;</description></item>"))
    assert problems == []
    assert [(r.author, r.text, r.hashtags) for r in records] == [("Ana", "Hi #msm", ("msm",))]


def test_an_atom_entry_with_content_only_is_read() -> None:
    atom = ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
            '<entry><id>e</id><updated>2027-03-15T10:00:00Z</updated>'
            '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Body '
            '<b>text</b></div></content></entry></feed>')
    records, problems = _read(atom)
    assert problems == [] and [r.text for r in records] == ["Body text"]


def test_a_body_repeating_the_title_keeps_the_body() -> None:
    records, _ = _read(_rss(f"<item><guid>g</guid><title>Day one</title>{DATE}"
                            "<description>Day one was long</description></item>"))
    assert [r.text for r in records] == ["Day one was long"]


def test_html_titles_become_plain_text() -> None:
    records, _ = _read(_rss(f"<item><guid>g</guid>{DATE}<title>Q&amp;amp;A &amp;#8211; "
                            "&lt;em&gt;live&lt;/em&gt;</title></item>"))
    assert [r.text for r in records] == ["Q&A – live"]


def test_without_author_nor_feed_title_the_author_is_the_feed_host_or_no_author() -> None:
    item = f"<item><guid>g</guid>{DATE}<title>x</title></item>"
    records, _ = _read(_rss(item, channel="<link>https://blog.example/</link>"))
    assert records[0].author == "blog.example"
    records, _ = _read(_rss(item, channel=""))
    assert records[0].author == "no author"


def test_a_date_outside_what_python_holds_is_that_entry_s_problem() -> None:
    records, problems = _read(_rss(
        "<item><guid>a</guid><title>x</title><pubDate>Sat, 01 Jan 0000 00:00:00 GMT"
        "</pubDate></item>",
        "<item><guid>b</guid><title>Odd</title><dc:date xmlns:dc='http://purl.org/dc/elements"
        "/1.1/'>0000-01-01T00:00:00Z</dc:date></item>",
        f"<item><guid>c</guid><title>Fine</title>{DATE}</item>"))
    assert [r.text for r in records] == ["Fine"]
    assert records[0].created_at == datetime(2027, 3, 15, 10, tzinfo=UTC)
    assert [line for line, _ in problems] == [1, 2]


def test_a_recoverable_error_with_a_channel_is_no_problem() -> None:
    assert _read(_rss(channel="<title>Ana &nbsp;</title>")) == ([], [])


def test_an_unreadable_document_names_feedparser_s_reason() -> None:
    assert _read("this is not xml at all")[1] == [
        (1, "not a readable RSS/Atom feed: syntax error (SAXParseException)")]
    assert _read("") == ([], [(1, "not a readable RSS/Atom feed: no RSS or Atom root "
                                  "element")])


def test_a_feed_given_as_a_file_name_is_not_opened(tmp_path) -> None:
    path = tmp_path / "x.rss"
    path.write_text(_rss(f"<item><guid>g</guid>{DATE}<title>private</title></item>"))
    records, problems = _read(str(path))
    assert records == [] and len(problems) == 1
