"""Queue messages (idempotent by key) and send what is due, at most once per message.

Delivery rule: a sender claims a row (queued → sending, one conditional UPDATE, so two
senders never take the same row), hands it to SMTP, then marks it sent. A sender that dies
between SMTP's "250 OK" and the mark leaves the row "sending"; after
``IMMERSE_MAIL_CLAIM_TIMEOUT`` seconds the next run puts it back in the queue, so such a
message may at worst arrive twice. Nothing is lost.
"""

from __future__ import annotations

import smtplib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import formataddr
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from immerse.common.tasks import enqueue
from immerse.notify.kinds import kind_get
from immerse.notify.links import absolute, token_make
from immerse.notify.models import Message, MessageTemplate, Suppression
from immerse.notify.rendering import Rendered, message_render, one_line


class AddressRefused(ValueError):
    """Not an e-mail address we can send to."""


def address_clean(email: str) -> str:
    """The address, stripped and lower-cased, or AddressRefused saying why."""
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise AddressRefused(f"{email!r} is not a valid e-mail address") from exc
    return email


def _jsonable(context: Mapping[str, Any]) -> dict[str, Any]:
    """Datetimes become ISO strings (rendered back in the event's zone, see rendering)."""
    return {key: value.isoformat() if isinstance(value, datetime) else value
            for key, value in context.items()}


def message_queue(*, kind: str, to_email: str, key: str, to_name: str = "",
                  person: Any = None, event: Any = None,
                  context: Mapping[str, Any] | None = None, kick: bool = True) -> Message:
    """Queue one message; the same ``key`` again queues nothing (the message returned then
    carries the first row's id, and the values given).

    ``person`` (a people.Person) makes it an in-app notification too. Call it inside the
    transaction that made the news: the send is kicked only once that commits. Callers
    queuing many at once pass ``kick=False`` and call ``messages_kick()`` once.
    """
    kind_get(kind)
    message = Message(key=key[:200], kind=kind, to_email=address_clean(to_email),
                      to_name=one_line(to_name)[:200], person=person, event=event,
                      context=_jsonable(context or {}))
    # One statement, no savepoint (it runs inside the sign-ups' transactions): INSERT … ON
    # CONFLICT (key) DO UPDATE SET key = key RETURNING id. The stored row is left as it was
    # and its id comes back; two transactions queuing one key at once both get that row.
    Message.objects.bulk_create([message], update_conflicts=True, unique_fields=["key"],
                                update_fields=["key"])
    if kick:
        messages_kick()
    return message


def messages_kick() -> None:
    """Send soon: a mail_send task once the current transaction commits (the periodic
    sender would find the message within a minute anyway; this makes it seconds)."""
    transaction.on_commit(lambda: enqueue("mail_send"))


def is_suppressed(email: str, kind: str) -> bool:
    if kind_get(kind).transactional:
        return False
    return Suppression.objects.filter(email=email, kind__in=("", kind)).exists()


def suppression_add(*, email: str, kind: str = "") -> Suppression:
    """Opt ``email`` out of ``kind`` ("" for every message that is not transactional)."""
    if kind:
        kind_get(kind)
    suppression, _ = Suppression.objects.get_or_create(email=email.strip().lower(), kind=kind)
    return suppression


def suppression_remove(*, email: str, kind: str = "") -> None:
    Suppression.objects.filter(email=email.strip().lower(), kind=kind).delete()


def unsubscribe_url(email: str, kind: str) -> str:
    return absolute(reverse("notify-unsubscribe",
                            kwargs={"token": token_make("unsubscribe", [email, kind])}))


def message_email(message: Message, rendered: Rendered) -> EmailMultiAlternatives:
    headers = {"Auto-Submitted": "auto-generated", "X-Immerse-Message": str(message.pk)}
    if not kind_get(message.kind).transactional:
        # RFC 8058: mail clients offer a one-click "Unsubscribe" that POSTs to this URL.
        headers["List-Unsubscribe"] = f"<{unsubscribe_url(message.to_email, message.kind)}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    to = formataddr((message.to_name, message.to_email)) if message.to_name \
        else message.to_email
    email = EmailMultiAlternatives(subject=rendered.subject, body=rendered.text,
                                   from_email=settings.DEFAULT_FROM_EMAIL, to=[to],
                                   headers=headers)
    email.attach_alternative(rendered.html, "text/html")
    return email


def message_rendered(message: Message) -> Rendered:
    override = None
    if message.event_id is not None:
        override = MessageTemplate.objects.filter(event_id=message.event_id,
                                                  kind=message.kind).first()
    return message_render(message, override=override)


@dataclass
class SendReport:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    suppressed: int = 0
    skipped: int = 0  # claimed by another sender first

    @property
    def handled(self) -> int:
        return self.sent + self.retried + self.failed + self.suppressed


def _backoff(attempts: int) -> timedelta:
    return timedelta(seconds=settings.IMMERSE_MAIL_RETRY_SECONDS * 2 ** (attempts - 1))


def messages_reclaim(now: datetime) -> int:
    """Rows a dead sender left "sending" go back to the queue (the at-most-once-more rule)."""
    stale = now - timedelta(seconds=settings.IMMERSE_MAIL_CLAIM_TIMEOUT)
    return Message.objects.filter(status=Message.Status.SENDING,
                                  claimed_at__lt=stale).update(status=Message.Status.QUEUED)


def _budget(now: datetime, limit: int | None) -> int:
    """What the per-minute rate still allows, capped by ``limit``."""
    recent = Message.objects.filter(sent_at__gt=now - timedelta(minutes=1)).count()
    budget = max(0, settings.IMMERSE_MAIL_RATE_PER_MINUTE - recent)
    return budget if limit is None else min(budget, limit)


def messages_due(now: datetime, budget: int) -> list[int]:
    return list(Message.objects.filter(status=Message.Status.QUEUED, next_attempt_at__lte=now)
                .order_by("next_attempt_at", "id").values_list("id", flat=True)[:budget])


def _claim(message_id: int, now: datetime) -> bool:
    return bool(Message.objects.filter(pk=message_id, status=Message.Status.QUEUED).update(
        status=Message.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1))


def _mark_failure(message: Message, error: str, now: datetime) -> bool:
    """Back to the queue with a longer wait, or failed for good; True when it will retry."""
    retry = message.attempts < settings.IMMERSE_MAIL_MAX_ATTEMPTS
    Message.objects.filter(pk=message.pk).update(
        status=Message.Status.QUEUED if retry else Message.Status.FAILED,
        last_error=error[:2000], next_attempt_at=now + _backoff(message.attempts))
    return retry


def messages_send(*, limit: int | None = None, now: datetime | None = None) -> SendReport:
    """Send what is due, within the rate, over one SMTP connection; report what happened."""
    now = now or timezone.now()
    report = SendReport()
    messages_reclaim(now)
    connection = get_connection()
    try:
        for message_id in messages_due(now, _budget(now, limit)):
            if not _claim(message_id, now):
                report.skipped += 1
                continue
            _deliver(Message.objects.select_related("event").get(pk=message_id),
                     connection, report, now)
    finally:
        connection.close()
    return report


def _deliver(message: Message, connection: Any, report: SendReport, now: datetime) -> None:
    if is_suppressed(message.to_email, message.kind):
        Message.objects.filter(pk=message.pk).update(status=Message.Status.SUPPRESSED)
        report.suppressed += 1
        return
    try:
        email = message_email(message, message_rendered(message))
        email.connection = connection
        email.send()
    except (smtplib.SMTPException, OSError) as exc:
        connection.close()  # a half-open session must not carry the next message
        if _mark_failure(message, f"{type(exc).__name__}: {exc}", now):
            report.retried += 1
        else:
            report.failed += 1
        return
    Message.objects.filter(pk=message.pk).update(status=Message.Status.SENT,
                                                 sent_at=timezone.now(), last_error="")
    report.sent += 1


def message_resend(*, message: Message) -> Message:
    """An organizer's resend: a failed (or sent) message goes back in the queue now."""
    Message.objects.filter(pk=message.pk).update(
        status=Message.Status.QUEUED, next_attempt_at=timezone.now(), attempts=0,
        last_error="")
    messages_kick()
    message.refresh_from_db()
    return message


def messages_mark_read(*, person: Any, ids: list[int] | None = None) -> int:
    rows = Message.objects.filter(person=person, read_at__isnull=True)
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    return rows.update(read_at=timezone.now())
