"""One poll of one source: fetch page after page, store each with its cursor, and decide
when to come back.

Safe to run from any worker, twice, or after a crash: a lease (a conditional UPDATE) lets
one poller at a time work on a source; every page is stored together with the state that
says where the next one starts, in one transaction; posts are deduplicated on (event,
source, source id). When to come back:

- caught up: after the kind's cadence (the setting its ``backchannel.kinds`` entry names:
  ``IMMERSE_LISTEN_POLL_SECONDS``, feeds ``IMMERSE_LISTEN_FEED_POLL_SECONDS``);
- rate limited (429, or no requests left): when the server said (``Retry-After``,
  ``X-RateLimit-Reset``), which is not a failure;
- failed (timeout, 5xx, garbage): exponential backoff from one cadence up to an hour, with
  the reason shown on the sources page; after ``IMMERSE_LISTEN_STOP_AFTER_FAILURES`` in a
  row, or at once when retrying cannot help (a refused password, a tag that does not
  exist), the source stops until an organizer resumes it.
"""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import httpx
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from immerse.backchannel import fetch
from immerse.backchannel.kinds import KIND_BY_KEY
from immerse.backchannel.models import Source
from immerse.backchannel.pollers import Context, PollFailed, PollWait, Step
from immerse.backchannel.secrets import SecretUnreadable, secret_open, secret_seal
from immerse.backchannel.selectors.sources import event_belonging, event_window, sources_due
from immerse.backchannel.services.ingest import IngestReport, records_store
from immerse.engine.listening.api_pages import backoff_seconds
from immerse.engine.listening.belonging import screen
from immerse.events.models import Event

log = logging.getLogger(__name__)

#: How long a poller may hold a source before another may take it (a worker that died).
LEASE = timedelta(minutes=10)
BACKOFF_CAP = timedelta(hours=1)
#: Fetched posts stored together (with the cursor after them): enough for the scoring's
#: fast path, few enough to keep a poll's memory small.
FLUSH_RECORDS = 1000


@dataclass
class PollReport:
    """One poll: the ingest counts, pages fetched, and how it ended."""

    source_id: int
    label: str
    ingest: IngestReport = field(default_factory=IngestReport)
    pages: int = 0
    outcome: str = "ok"  # ok, not-modified, waiting, failing, stopped, skipped
    reason: str = ""

    def summary(self) -> str:
        text = f"{self.label}: {self.ingest.summary()} ({self.pages} page(s))"
        return f"{text} — {self.outcome}: {self.reason}" if self.reason else text


def cadence(kind: str) -> timedelta:
    """Between two polls that caught up: the setting the kind's entry names (a kind no
    longer in the registry, which fails every poll, backs off from the default one)."""
    entry = KIND_BY_KEY.get(kind)
    setting = entry.cadence_setting if entry else "IMMERSE_LISTEN_POLL_SECONDS"
    return timedelta(seconds=getattr(settings, setting))


def _lease(source_id: int, now: datetime, *, due_only: bool) -> bool:
    """Take the source for this poll, if it is active, free and (``due_only``) due."""
    free = Q(lease_until__isnull=True) | Q(lease_until__lt=now)
    claim = Source.objects.filter(free, pk=source_id, active=True)
    if due_only:
        claim = claim.filter(Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now))
    return claim.update(lease_until=now + LEASE) == 1


def source_poll(*, source_id: int, now: datetime | None = None, due_only: bool = True,
                http: httpx.Client | None = None) -> PollReport | None:
    """Poll one source once (see the module docstring); None when it was not ours to poll
    (inactive, polled by another worker, or not due)."""
    now = now or timezone.now()
    if not _lease(source_id, now, due_only=due_only):
        return None
    source = Source.objects.select_related("event").get(pk=source_id)
    report = PollReport(source.pk, source.label)
    own_client = http is None
    client = http or fetch.client()
    try:
        _run(source, report, client, now)
    except PollWait as wait:
        _keep_secret(source, wait.secret)
        _waiting(source, report, now, wait.seconds, str(wait))
    except (PollFailed, fetch.FetchError, SecretUnreadable) as error:
        _keep_secret(source, getattr(error, "secret", None))
        permanent = getattr(error, "permanent", False) or isinstance(error, SecretUnreadable)
        _failed(source, report, now, str(error), permanent=permanent)
    except Exception as error:  # a bug must not stop the other sources' polls
        log.exception("polling source %s failed unexpectedly", source_id)
        _failed(source, report, now, f"internal error ({type(error).__name__})",
                permanent=False)
    finally:
        if own_client:
            client.close()
        Source.objects.filter(pk=source_id).update(lease_until=None)
    return report


def _context(source: Source, now: datetime) -> Context:
    start, _ = event_window(source.event)
    return Context(url=source.url, tag=source.tag, handle=source.handle,
                   secret=secret_open(source.secret), state=dict(source.state or {}),
                   window_start=start, max_pages=settings.IMMERSE_LISTEN_MAX_PAGES, now=now)


def _run(source: Source, report: PollReport, client: httpx.Client, now: datetime) -> None:
    kind = KIND_BY_KEY[source.kind]
    belonging = event_belonging(source.event, require_topic=kind.firehose)
    wait: float | None = None
    pending: list[Step] = []
    try:
        for step in kind.poll_function()(_context(source, now), client):
            report.pages += 1
            pending.append(step)
            if step.not_modified:
                report.outcome = "not-modified"
            wait = step.wait
            if sum(len(s.page.records) for s in pending) >= FLUSH_RECORDS:
                batch, pending = pending, []
                _store_steps(source, batch, report, belonging)
    finally:  # what was fetched before a stop is kept, with the cursor that goes with it
        if pending:
            _store_steps(source, pending, report, belonging)
    source.failures, source.last_error = 0, ""
    source.last_polled_at = source.last_success_at = now
    summary = _summary(report)
    later = cadence(source.kind)
    if wait is not None:  # the server says no requests are left until its reset
        later = max(later, timedelta(seconds=wait))
        summary["wait"] = f"No requests left at {source.url.split('://')[-1]}."
    source.next_poll_at = now + later
    source.last_summary = summary
    source.save(update_fields=["failures", "last_error", "last_polled_at", "last_success_at",
                               "next_poll_at", "last_summary"])


def _store_steps(source: Source, steps: list[Step], report: PollReport, belonging: Any) -> None:
    """Some pages and the state after the last of them, together or not at all.

    Pages are stored a few at a time rather than one by one: scoring 1,000 texts at once
    takes the compiled fast path, 40 at a time the reference one (bench/listening.py).
    """
    records = [record for step in steps for record in step.page.records]
    kept, skipped = screen(records, belonging)
    secrets = [step.secret for step in steps if step.secret is not None]
    with transaction.atomic():
        created = records_store(event=source.event, records=kept) if kept else 0
        source.state = steps[-1].state
        fields = ["state", "posts_added"]
        if secrets:
            source.secret = secret_seal(secrets[-1])
            fields.append("secret")
        source.posts_added += created
        source.save(update_fields=fields)
    ingest = report.ingest
    ingest.read += len(kept)
    ingest.created += created
    ingest.duplicates += len(kept) - created
    ingest.skipped.update(skipped)
    for step in steps:
        ingest.problems.extend(step.page.problems)


def _keep_secret(source: Source, secret: dict[str, Any] | None) -> None:
    if secret is not None:
        source.secret = secret_seal(secret)
        source.save(update_fields=["secret"])


def _summary(report: PollReport) -> dict[str, Any]:
    return {**report.ingest.as_json(), "pages": report.pages, "outcome": report.outcome}


def _waiting(source: Source, report: PollReport, now: datetime, seconds: float,
             reason: str) -> None:
    report.outcome, report.reason = "waiting", reason
    source.last_polled_at = now
    source.next_poll_at = now + timedelta(seconds=seconds)
    source.last_summary = {**_summary(report), "wait": reason}
    source.save(update_fields=["last_polled_at", "next_poll_at", "last_summary"])


def _failed(source: Source, report: PollReport, now: datetime, reason: str, *,
            permanent: bool) -> None:
    source.failures += 1
    source.last_error = reason[:500]
    source.last_polled_at = now
    stop = permanent or source.failures >= settings.IMMERSE_LISTEN_STOP_AFTER_FAILURES
    if stop:
        source.active, source.next_poll_at = False, None
        report.outcome = "stopped"
    else:
        delay = backoff_seconds(source.failures, base=cadence(source.kind).total_seconds(),
                                cap=BACKOFF_CAP.total_seconds(), jitter=random.random() * 0.2)
        source.next_poll_at = now + timedelta(seconds=delay)
        report.outcome = "failing"
    report.reason = reason
    source.last_summary = _summary(report)
    source.save(update_fields=["failures", "last_error", "last_polled_at", "active",
                               "next_poll_at", "last_summary"])


def sources_poll(*, now: datetime | None = None, event: Event | None = None,
                 due_only: bool = True) -> list[PollReport]:
    """One polling round: every due source of the events listening now (or of ``event``),
    each polled at most once. ``due_only=False`` (the CLI) ignores the regular cadence but
    still honours a server's wait and the backoff of a failing source."""
    now = now or timezone.now()
    if due_only:
        chosen = sources_due(now=now, event=event)
    else:
        scope = Source.objects.filter(active=True, event=event) if event else \
            Source.objects.filter(active=True)
        chosen = [s for s in scope if not (s.next_poll_at and s.next_poll_at > now
                                           and _told_to_wait(s))]
        if event is None:
            chosen = [s for s in chosen if _listening_now(s.event, now)]
    reports = []
    with fetch.client() as client:
        for source in chosen:
            found = source_poll(source_id=source.pk, now=now, due_only=due_only, http=client)
            if found is not None:
                reports.append(found)
    return reports


def sources_due_ids(*, now: datetime | None = None) -> list[int]:
    """Ids of the sources a polling round takes now (for the periodic task to hand out)."""
    return [source.pk for source in sources_due(now=now or timezone.now())]


def _told_to_wait(source: Source) -> bool:
    return bool(source.failures or (source.last_summary or {}).get("wait"))


def _listening_now(event: Event, now: datetime) -> bool:
    start, end = event_window(event)
    return start <= now < end
