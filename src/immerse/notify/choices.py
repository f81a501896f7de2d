"""Writes of what people choose: a person's mail preferences, an organizer's wording of a
kind for an event, and an organizer's broadcast to a segment."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from immerse.notify.kinds import NOT_EDITABLE, kind_get
from immerse.notify.models import Broadcast, MessageTemplate, Suppression
from immerse.notify.rendering import TemplateRefused, one_line, template_check
from immerse.notify.services import Draft, messages_queue


@transaction.atomic
def preferences_save(*, email: str, opted_out: Iterable[str], everything: bool) -> None:
    """A person's choice: the optional kinds they do not want by e-mail (or none at all).
    In-app notifications stay: the choice is about the mailbox."""
    email = email.strip().lower()
    wanted = {kind_get(key).key for key in opted_out if not kind_get(key).transactional}
    if everything:
        wanted.add("")
    Suppression.objects.filter(email=email).exclude(kind__in=wanted).delete()
    for kind in wanted:
        Suppression.objects.get_or_create(email=email, kind=kind)


@transaction.atomic
def template_save(*, event: Any, kind: str, subject: str, body: str,
                  user: Any = None) -> MessageTemplate:
    """An organizer's wording of ``kind`` for ``event``; TemplateRefused names an unknown
    placeholder or a tag, and nothing is saved."""
    if kind in NOT_EDITABLE:
        raise TemplateRefused(_("%(kind)s messages carry a log-in or confirmation link: their "
                                "wording cannot be changed.") % {"kind": kind_get(kind).label})
    template_check(kind, subject, body)
    template, _created = MessageTemplate.objects.update_or_create(
        event=event, kind=kind,
        defaults={"subject": one_line(subject), "body": body.strip(), "updated_by": user})
    return template


def template_reset(*, event: Any, kind: str) -> None:
    """Back to the default wording."""
    MessageTemplate.objects.filter(event=event, kind=kind).delete()


@transaction.atomic
def broadcast_queue(*, event: Any, subject: str, body: str, segment: Mapping[str, Any],
                    recipients: Iterable[Any], nonce: str, user: Any = None
                    ) -> tuple[Broadcast, bool]:
    """Record an organizer's broadcast and queue it for each recipient (people.Person).

    Returns the broadcast and whether it is new: the same ``nonce`` (the previewed form,
    sent twice) returns the first one and queues nothing.
    """
    subject, body = one_line(subject), body.strip()
    if not subject or not body:
        raise ValueError(_("A broadcast needs a subject and a message."))
    broadcast, created = Broadcast.objects.get_or_create(nonce=nonce[:64], defaults={
        "event": event, "subject": subject, "body": body, "segment": dict(segment),
        "created_by": user})
    if not created:
        return broadcast, False
    broadcast.recipients = messages_queue(
        Draft("broadcast", f"broadcast:{broadcast.pk}:{person.pk}", person.email,
              person.name, person, event, {"subject": subject, "body": body})
        for person in recipients)
    broadcast.save(update_fields=["recipients"])
    return broadcast, True
