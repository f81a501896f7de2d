"""A table's notes become a story for the library, naming only the authors who agree.

The facilitator proposes it (a title, who may read it); each tablemate who wrote a revision
is asked (the ``table_story_consent`` message). The story is published once everyone has
answered, or earlier by the facilitator with those who agreed so far. Learning may import
tables (it sits above it in the layers), so this lives here and calls ``story_save``.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from immerse.events.models import Session
from immerse.learning.models import Story
from immerse.learning.services import LearningError, story_save
from immerse.notify.links import absolute
from immerse.notify.services import Draft, messages_queue
from immerse.people.models import Privacy
from immerse.tables.models import TableNotes, TableStory, TableStoryConsent

Answer = TableStoryConsent.Answer


def table_story_propose(*, session: Session, table: int, title: str, privacy: str,
                        by: User) -> TableStory:
    """Propose the notes of ``table`` as a story and ask each of their authors."""
    title = title.strip()
    if not title or len(title) > 300:
        raise LearningError(_("Give a title of at most 300 characters."), field="title")
    if privacy not in Privacy.values:
        raise LearningError(_("Choose who may read the story."), field="privacy")
    notes = TableNotes.objects.filter(session=session, table=table, number__gt=0).first()
    if notes is None:
        raise LearningError(_("This table has no notes yet."), field="title")
    with transaction.atomic():
        proposal, _created = TableStory.objects.get_or_create(
            notes=notes, defaults={"title": title, "privacy": privacy, "proposed_by": by})
        if proposal.story_id:
            raise LearningError(_("These notes are published already."), field="title")
        proposal.title, proposal.privacy = title, privacy
        proposal.save()
        authors = {r.author for r in notes.revisions.select_related("author")
                   if r.author is not None}
        for person in authors:
            TableStoryConsent.objects.get_or_create(story=proposal, person=person)
        _ask(proposal, session, table)
    return proposal


def _ask(proposal: TableStory, session: Session, table: int) -> None:
    url = absolute(reverse("table-story-consent", args=[session.event.slug, proposal.pk]))
    context = {"story_title": proposal.title, "session_title": session.title, "table": table,
               "consent_url": url}
    messages_queue([
        Draft("table_story_consent", f"table_story_consent:{proposal.pk}:{c.person_id}",
              c.person.email, c.person.name, c.person, session.event, context)
        for c in proposal.consents.select_related("person").filter(answer=Answer.WAITING)])


def table_story_answer(*, consent: TableStoryConsent, agrees: bool) -> Story | None:
    """Record one author's answer; the last answer publishes the story."""
    if consent.story.story_id:
        raise LearningError(_("The story is published already."), field="answer")
    consent.answer = Answer.YES if agrees else Answer.NO
    consent.answered_at = timezone.now()
    consent.save(update_fields=["answer", "answered_at"])
    if not consent.story.consents.filter(answer=Answer.WAITING).exists():
        return table_story_publish(proposal=consent.story)
    return None


def table_story_publish(*, proposal: TableStory) -> Story:
    """Publish the story now, naming the authors who agreed (the others stay unnamed)."""
    with transaction.atomic():
        proposal = TableStory.objects.select_for_update().select_related(
            "notes__session__event").get(pk=proposal.pk)
        if proposal.story_id:
            raise LearningError(_("The story is published already."), field="title")
        notes = proposal.notes
        names = sorted(c.person.name for c in proposal.consents.select_related("person")
                       .filter(answer=Answer.YES))
        byline = (_("Written at table %(table)d by %(names)s.")
                  % {"table": notes.table, "names": ", ".join(names)} if names else
                  _("Written at table %(table)d.") % {"table": notes.table})
        story = story_save(title=proposal.title, privacy=proposal.privacy,
                           event=notes.session.event, body=f"{notes.text}\n\n{byline}",
                           sessions=[notes.session])
        proposal.story_id = story.pk
        proposal.save(update_fields=["story_id", "updated_at"])
    return story
