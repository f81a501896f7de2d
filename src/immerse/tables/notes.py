"""Table notes: the tablemates of one table (and the session's staff) write them together.

A save names the revision its editor loaded. If nobody saved since, it becomes the next
revision as written; otherwise ``engine.notes_merge`` merges it onto the latest: edits to
different lines both stay, edits to the same lines stay side by side between markers and
the editor is told. Saves of one table are serialized by locking its ``TableNotes`` row,
so two at once cannot both build on the same revision. Every revision is kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from immerse.common.live import rows_version
from immerse.engine.notes_merge import merge_notes
from immerse.events import roles
from immerse.events.models import Session
from immerse.people.models import Person
from immerse.tables.models import NOTES_MAX, TableNotes, TableNotesRevision, TableSeat


class NotesRefused(ValueError):
    """The save cannot be taken as asked (too long, an unknown base revision)."""


@dataclass(frozen=True)
class NotesSaved:
    revision: TableNotesRevision
    merged: bool  # someone saved since the editor loaded: their edits were merged in
    conflicts: int  # places where both edited the same lines (kept between markers)


def notes_may_edit(*, user: roles.AnyUser, session: Session, table: int) -> bool:
    """Tablemates at ``table`` of ``session``, and the event's organizers and facilitators."""
    if roles.is_facilitator(user, session.event):
        return True
    if not user.is_authenticated:
        return False
    return TableSeat.objects.filter(session=session, table=table,
                                    registration__person__user=user,
                                    registration__status="confirmed").exists()


def notes_get(*, session: Session, table: int) -> TableNotes:
    """The table's notes (empty, revision 0, before the first save)."""
    found = (TableNotes.objects.select_related("updated_by")
             .filter(session=session, table=table).first())
    return found or TableNotes(session=session, table=table)


def notes_save(*, session: Session, table: int, author: Person | None, text: str,
               base: int) -> NotesSaved:
    """Save ``text`` written from revision ``base``, merging onto anything saved since."""
    text = text.replace("\r\n", "\n")
    if len(text) > NOTES_MAX:
        raise NotesRefused(_("The notes may be at most %(n)d characters.") % {"n": NOTES_MAX})
    with transaction.atomic():
        TableNotes.objects.get_or_create(session=session, table=table)
        notes = TableNotes.objects.select_for_update().get(session=session, table=table)
        if base > notes.number or base < 0:
            raise NotesRefused(_("Revision %(n)d of these notes does not exist.") % {"n": base})
        merged, conflicts = notes.number != base, 0
        if merged:
            loaded = (notes.revisions.get(number=base).text if base else "")
            result = merge_notes(base=loaded, mine=text, theirs=notes.text)
            text, conflicts = result.text[:NOTES_MAX], result.conflicts
        notes.number += 1
        notes.text, notes.updated_by = text, author
        notes.save()
        revision = TableNotesRevision.objects.create(
            notes=notes, number=notes.number, base=base, text=text, author=author,
            conflicts=conflicts)
    return NotesSaved(revision, merged, conflicts)


def notes_revisions(*, session: Session, table: int) -> QuerySet[TableNotesRevision]:
    """Every revision of the table's notes, newest first, with their authors."""
    return (TableNotesRevision.objects.filter(notes__session=session, notes__table=table)
            .select_related("author"))


def notes_version(*, session: Session, table: int) -> str:
    """Moves with every save of the table's notes (one aggregate query)."""
    return rows_version(TableNotes.objects.filter(session=session, table=table))
