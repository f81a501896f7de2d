"""Queue messages (idempotent by key) and send what is due, at most once per message.

Delivery rule: a sender claims a row (queued → sending, one conditional UPDATE, so two
senders never take the same row), hands it to SMTP, then marks it sent. A sender that dies
between SMTP's "250 OK" and the mark leaves the row "sending"; after
``IMMERSE_MAIL_CLAIM_TIMEOUT`` seconds the next run puts it back in the queue, so such a
message may at worst arrive twice (with the same Message-ID, which most mail clients fold
into one). Nothing is lost.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.utils import formataddr
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from immerse.common.tasks import enqueue
from immerse.notify.delivery import SENDER_STOPPED, delivery_route
from immerse.notify.kinds import kind_get
from immerse.notify.links import unsubscribe_url
from immerse.notify.models import Message, MessageTemplate, Suppression
from immerse.notify.rendering import Rendered, message_render, one_line

logger = logging.getLogger(__name__)

#: True while messages are held (the demo): rows are written "held" and never sent.
_HOLD: ContextVar[bool] = ContextVar("immerse_messages_held", default=False)


class AddressRefused(ValueError):
    """Not an e-mail address we can send to."""


def address_clean(email: str) -> str:
    """The address, stripped and lower-cased, or AddressRefused saying why."""
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise AddressRefused(_("%(email)s is not a valid e-mail address")
                             % {"email": repr(email)}) from exc
    return email


def jsonable(value: Any) -> Any:
    """Datetimes become ISO strings, also inside lists and dicts (rendering turns every
    ``*_at`` value back into a datetime in the event's zone)."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    return value


@contextmanager
def messages_held() -> Iterator[None]:
    """Within this block, queued messages are stored "held": in the outbox and the in-app
    list, never sent. The demo builds its fictional people's messages this way."""
    token = _HOLD.set(True)
    try:
        yield
    finally:
        _HOLD.reset(token)


@dataclass(frozen=True)
class Draft:
    """One message to queue; ``key`` names the logical message (queuing it twice is a no-op)."""

    kind: str
    key: str
    to_email: str
    to_name: str = ""
    person: Any = None
    event: Any = None
    context: Mapping[str, Any] = field(default_factory=dict)


def _row(draft: Draft, email: str, *, wait: bool = False) -> Message:
    secret = set(kind_get(draft.kind).secret)
    context = {key: value for key, value in draft.context.items() if key not in secret}
    secrets = {key: value for key, value in draft.context.items() if key in secret}
    status = Message.Status.HELD if _HOLD.get() else \
        Message.Status.WAITING if wait else Message.Status.QUEUED
    return Message(kind=draft.kind, key=draft.key[:200], to_email=email,
                   to_name=one_line(draft.to_name)[:200], person=draft.person,
                   language=getattr(draft.person, "language", "") or "",
                   event=draft.event, context=jsonable(context), secrets=jsonable(secrets),
                   status=status)


def message_queue(*, kind: str, to_email: str, key: str, to_name: str = "",
                  person: Any = None, event: Any = None,
                  context: Mapping[str, Any] | None = None, kick: bool = True) -> Message:
    """Queue one message; the same ``key`` again queues nothing (the message returned then
    carries the first row's id, and the values given).

    ``person`` (a people.Person) makes it an in-app notification too. Call it inside the
    transaction that made the news: the send is kicked only once that commits. Callers
    queuing many at once use ``messages_queue``.
    """
    email = address_clean(to_email)
    message = _row(Draft(kind, key, email, to_name, person, event, context or {}), email)
    # One statement, no savepoint (it runs inside the sign-ups' transactions): INSERT … ON
    # CONFLICT (key) DO UPDATE SET key = key RETURNING id. The stored row is left as it was
    # and its id comes back; two transactions queuing one key at once both get that row.
    Message.objects.bulk_create([message], update_conflicts=True, unique_fields=["key"],
                                update_fields=["key"])
    _unread_changed([person])
    if kick and message.status == Message.Status.QUEUED:
        messages_kick()
    return message


def messages_queue(drafts: Iterable[Draft], *, wait: bool = False) -> int:
    """Queue many messages in a few queries; keys already queued are skipped, and so are
    invalid addresses (logged: a trigger must not fail the planning run that made the news).
    Returns how many rows were added. One send is kicked once the transaction commits.
    ``wait``: store them "waiting" until the organizer says to tell people
    (``notify.waiting``)."""
    rows: dict[str, Message] = {}
    for draft in drafts:
        try:
            email = address_clean(draft.to_email)
        except AddressRefused as exc:
            logger.warning("message %s not queued: %s", draft.key, exc)
            continue
        rows.setdefault(draft.key[:200], _row(draft, email, wait=wait))
    known = set(Message.objects.filter(key__in=list(rows)).values_list("key", flat=True))
    new = [row for key, row in rows.items() if key not in known]
    # ignore_conflicts: a concurrent run that queued the same key first wins, quietly.
    Message.objects.bulk_create(new, batch_size=500, ignore_conflicts=True)
    if new and not wait:
        _unread_changed([row.person for row in new])
        if not _HOLD.get():
            messages_kick()
    return len(new)


def messages_kick() -> None:
    """Send soon: a mail_send task once the current transaction commits (the periodic
    sender would find the message within a minute anyway; this makes it seconds)."""
    transaction.on_commit(lambda: enqueue("mail_send"))


def unread_cache_key(user_id: int) -> str:
    return f"notify:unread:{user_id}"


def _unread_changed(persons: Iterable[Any]) -> None:
    """Forget the cached unread counts (the navigation badge) of these people's accounts,
    once the rows are committed (so that no request caches the old count meanwhile)."""
    keys = {unread_cache_key(user_id) for person in persons
            if (user_id := getattr(person, "user_id", None)) is not None}
    if keys:
        transaction.on_commit(lambda: cache.delete_many(list(keys)))


def suppression_add(*, email: str, kind: str = "") -> Suppression:
    """Opt ``email`` out of ``kind`` ("" for every message that is not transactional)."""
    if kind:
        kind_get(kind)
    suppression, _ = Suppression.objects.get_or_create(email=email.strip().lower(), kind=kind)
    return suppression


def message_email(message: Message, rendered: Rendered) -> EmailMultiAlternatives:
    headers = {"Auto-Submitted": "auto-generated", "X-Immerse-Message": str(message.pk),
               # Stable per row: a message resent after a sender crash carries the same
               # Message-ID, which mail clients and servers use to fold duplicates.
               "Message-ID": f"<message-{message.pk}@{settings.IMMERSE_SITE_HOST}>"}
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
    """The message as a page shows it (outbox, in-app list): credentials redacted."""
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
    reclaimed: int = 0  # left "sending" by a sender that died, queued again
    stopped: str = ""  # why the run stopped early (the server could not be reached)

    @property
    def handled(self) -> int:
        return self.sent + self.retried + self.failed + self.suppressed


def _backoff(attempts: int) -> timedelta:
    return timedelta(seconds=settings.IMMERSE_MAIL_RETRY_SECONDS * 2 ** (attempts - 1))


def messages_reclaim(now: datetime) -> int:
    """Rows a dead sender left "sending" go back to the queue (the at-most-once-more rule),
    or fail once they have used every attempt (a message that kills its sender each time
    must not block the queue forever)."""
    stale = Message.objects.filter(
        status=Message.Status.SENDING,
        claimed_at__lt=now - timedelta(seconds=settings.IMMERSE_MAIL_CLAIM_TIMEOUT))
    error = SENDER_STOPPED
    spent = stale.filter(attempts__gte=settings.IMMERSE_MAIL_MAX_ATTEMPTS).update(
        status=Message.Status.FAILED, last_error=error)
    return spent + stale.update(status=Message.Status.QUEUED, last_error=error)


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


def _mark_failure(message: Message, error: str, now: datetime, *, permanent: bool) -> bool:
    """Back to the queue with a longer wait, or failed for good; True when it will retry."""
    retry = not permanent and message.attempts < settings.IMMERSE_MAIL_MAX_ATTEMPTS
    Message.objects.filter(pk=message.pk).update(
        status=Message.Status.QUEUED if retry else Message.Status.FAILED,
        last_error=error[:2000], next_attempt_at=now + _backoff(message.attempts))
    return retry


def _is_permanent(exc: Exception) -> bool:
    """A 5xx answer to this message (unknown mailbox, message refused): retrying cannot help.
    Everything else — 4xx, a timeout, a dropped connection — may pass on a later try."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in exc.recipients.values())
    return isinstance(exc, smtplib.SMTPResponseException) and exc.smtp_code >= 500


def _discard(connection: Any) -> None:
    """Drop a connection that failed mid-message without the polite QUIT (which would wait
    for a dead server a second time); the next message opens a fresh one."""
    smtp = getattr(connection, "connection", None)  # Django's SMTP backend keeps it here
    if smtp is None:
        return
    with suppress(OSError):
        smtp.close()
    connection.connection = None


@dataclass
class _Lookups:
    """What a run needs about its due messages, read once: the events' wording of each kind
    and who opted out of what (two queries per run instead of two per message)."""

    overrides: dict[tuple[int | None, str], MessageTemplate]
    opted_out: set[tuple[str, str]]

    @classmethod
    def read(cls, ids: list[int]) -> _Lookups:
        due = Message.objects.filter(id__in=ids).order_by()
        pairs = set(due.exclude(event=None).values_list("event_id", "kind"))
        wanted = Q(pk__in=[])
        for event_id, kind in pairs:
            wanted |= Q(event_id=event_id, kind=kind)
        overrides: dict[tuple[int | None, str], MessageTemplate] = {
            (t.event_id, t.kind): t for t in MessageTemplate.objects.filter(wanted)} \
            if pairs else {}
        opted_out = set(Suppression.objects.filter(email__in=due.values("to_email"))
                        .values_list("email", "kind"))
        return cls(overrides, opted_out)

    def suppressed(self, message: Message) -> bool:
        if kind_get(message.kind).transactional:
            return False
        return bool({(message.to_email, ""), (message.to_email, message.kind)}
                    & self.opted_out)

    def rendered(self, message: Message) -> Rendered:
        # The one place credentials are filled in: the mail to the recipient's address.
        return message_render(message, reveal=True,
                              override=self.overrides.get((message.event_id, message.kind)))


def messages_send(*, limit: int | None = None, now: datetime | None = None) -> SendReport:
    """Send what is due, within the rate, over one SMTP connection; report what happened."""
    now = now or timezone.now()
    report = SendReport(reclaimed=messages_reclaim(now))
    due = messages_due(now, _budget(now, limit))
    lookups = _Lookups.read(due)
    connection = get_connection()
    try:
        for message_id in due:
            if not _claim(message_id, now):
                report.skipped += 1
                continue
            message = Message.objects.select_related("event").get(pk=message_id)
            if not _deliver(message, lookups, connection, report, now):
                break
    finally:
        try:
            connection.close()
        except (smtplib.SMTPException, OSError):
            _discard(connection)
    return report


def _deliver(message: Message, lookups: _Lookups, connection: Any, report: SendReport,
             now: datetime) -> bool:
    """Send one claimed message and mark it; False when the server cannot be reached, so
    the run stops instead of knocking once per queued message."""
    try:
        if lookups.suppressed(message):
            Message.objects.filter(pk=message.pk).update(status=Message.Status.SUPPRESSED)
            report.suppressed += 1
            return True
        email = message_email(message, lookups.rendered(message))
    except Exception as exc:  # a broken template or context: no retry can fix it
        logger.exception("message %s cannot be rendered", message.pk)
        _mark_failure(message, f"Cannot render: {type(exc).__name__}: {exc}", now,
                      permanent=True)
        report.failed += 1
        return True
    try:
        connection.open()
    except (smtplib.SMTPException, OSError) as exc:
        _discard(connection)
        counted = _mark_failure(message, f"{type(exc).__name__}: {exc}", now, permanent=False)
        report.retried += counted
        report.failed += not counted
        report.stopped = f"The mail server could not be reached: {type(exc).__name__}: {exc}"
        return False
    try:
        email.connection = connection
        email.send()
    except (smtplib.SMTPException, OSError) as exc:
        _discard(connection)  # a half-open session must not carry the next message
        if _mark_failure(message, f"{type(exc).__name__}: {exc}", now,
                         permanent=_is_permanent(exc)):
            report.retried += 1
        else:
            report.failed += 1
        return True
    Message.objects.filter(pk=message.pk).update(status=Message.Status.SENT,
                                                 sent_at=timezone.now(), last_error="",
                                                 sent_via=delivery_route())
    report.sent += 1
    return True


def message_resend(*, message: Message) -> bool:
    """An organizer's resend of a failed message: back in the queue now, with fresh attempts.
    Only failed ones: a queued or sending message is on its way, a sent one arrived."""
    queued = Message.objects.filter(pk=message.pk, status=Message.Status.FAILED).update(
        status=Message.Status.QUEUED, next_attempt_at=timezone.now(), attempts=0,
        last_error="")
    if queued:
        messages_kick()
    message.refresh_from_db()
    return bool(queued)


def messages_mark_read(*, user: Any, ids: list[int] | None = None) -> int:
    """Mark ``user``'s in-app messages read (all of them, or those of ``ids``)."""
    rows = Message.objects.filter(person__user=user, read_at__isnull=True) \
        .exclude(status=Message.Status.WAITING)
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    marked = rows.update(read_at=timezone.now())
    if marked:
        transaction.on_commit(lambda: cache.delete(unread_cache_key(user.pk)))
    return marked

