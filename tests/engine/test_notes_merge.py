"""Three-way merge of table notes: exact results."""

from __future__ import annotations

from immerse.engine.notes_merge import END_MARK, MINE_MARK, THEIRS_MARK, MergedNotes, merge_notes

BASE = "Tools\nTwitter for events\nBlogs for cases\nWiki for notes"


def test_edits_to_different_lines_merge() -> None:
    mine = "Tools\nTwitter for live events\nBlogs for cases\nWiki for notes"
    theirs = "Tools\nTwitter for events\nBlogs for cases\nWiki for shared notes\nLinkedIn"
    assert merge_notes(base=BASE, mine=mine, theirs=theirs) == MergedNotes(
        "Tools\nTwitter for live events\nBlogs for cases\nWiki for shared notes\nLinkedIn", 0)


def test_both_append_at_the_end_keeps_both_marked() -> None:
    result = merge_notes(base="a", mine="a\nmine", theirs="a\ntheirs")
    assert result == MergedNotes(
        f"a\n{MINE_MARK}\nmine\n{THEIRS_MARK}\ntheirs\n{END_MARK}", 1)


def test_same_line_edited_differently_keeps_both() -> None:
    mine = BASE.replace("Blogs for cases", "Blogs for stories")
    theirs = BASE.replace("Blogs for cases", "Blogs for long cases")
    assert merge_notes(base=BASE, mine=mine, theirs=theirs) == MergedNotes(
        "Tools\nTwitter for events\n"
        f"{MINE_MARK}\nBlogs for stories\n{THEIRS_MARK}\nBlogs for long cases\n{END_MARK}\n"
        "Wiki for notes", 1)


def test_same_edit_on_both_sides_is_no_conflict() -> None:
    both = BASE.replace("Tools", "Our tools")
    assert merge_notes(base=BASE, mine=both + "\nx", theirs=both) == MergedNotes(
        "Our tools\nTwitter for events\nBlogs for cases\nWiki for notes\nx", 0)


def test_one_side_unchanged_takes_the_other() -> None:
    assert merge_notes(base=BASE, mine=BASE, theirs="new") == MergedNotes("new", 0)
    assert merge_notes(base=BASE, mine="new", theirs=BASE) == MergedNotes("new", 0)


def test_delete_on_one_side_edit_elsewhere_merges() -> None:
    mine = "Tools\nBlogs for cases\nWiki for notes"
    theirs = "Tools\nTwitter for events\nBlogs for cases\nWiki for our notes"
    assert merge_notes(base=BASE, mine=mine, theirs=theirs) == MergedNotes(
        "Tools\nBlogs for cases\nWiki for our notes", 0)
