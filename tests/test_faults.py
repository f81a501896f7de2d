"""Faults: the database server restarts in the middle of sign-ups and a backchannel ingest.

The end-to-end test restarts the PostgreSQL server it runs against, twice, while 20 clients
sign people up through the web form and the API and a live backchannel is being ingested.
The app (one server process, never restarted) must recover by itself, and no confirmed
registration or ingested post may be lost or stored twice: clients retry the same request,
so every write path must be idempotent.

It restarts a whole server, so it runs only on PostgreSQL, as root, and only when asked
(CI sets ``CI=true``; elsewhere set ``IMMERSE_TEST_RESTART_DB=1``, on a cluster of your own):

    pg_createcluster 15 faults --port 5433 --start   # plus role and database ``immerse``
    IMMERSE_TEST_RESTART_DB=1 \\
    DATABASE_URL=postgres://immerse:immerse@127.0.0.1:5433/immerse pytest tests/test_faults.py

The unit tests of the pieces it relies on (the 503 answer, idempotent re-sent sign-ups)
are in tests/test_db_unavailable.py.
"""

from __future__ import annotations

import http.client
import itertools
import os
import re
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlencode, urlsplit
from wsgiref.util import setup_testing_defaults

import orjson
import pytest
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.db import InterfaceError, OperationalError, connection, connections

from immerse.backchannel.models import Post
from immerse.backchannel.services import BATCH, IngestReport, posts_ingest
from immerse.notify.models import Message
from immerse.people.models import Assessment, Person, Registration
from immerse.people.services.tools import tools_sync
from immerse.people.tokens import token_create
from tests.factories import make_event, make_role, make_user
from tests.test_db_unavailable import signup_form

# ---------------------------------------------------------------------------------------
# End to end: restart PostgreSQL during sign-ups and an ingest
# ---------------------------------------------------------------------------------------

ON_POSTGRESQL = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
RESTART_ALLOWED = (os.environ.get("CI", "").lower() in {"1", "true"}
                   or os.environ.get("IMMERSE_TEST_RESTART_DB") == "1")
LOCAL_HOSTS = {"", "localhost", "127.0.0.1", "::1"}

CLIENTS = 20
PEOPLE_PER_CLIENT = 3
PEOPLE = CLIENTS * PEOPLE_PER_CLIENT
CAPACITY = 40  # fewer seats than people: both confirmed and waitlisted answers
POSTS = 30_000
WINDOW = 12.0  # seconds over which sign-ups and the backchannel arrive
RESTART_AT = (0.25, 0.6)  # fractions of WINDOW
#: The clients' own patience: a real client gives up at some point, and so does the test.
GIVE_UP_AFTER = 45.0
#: Off, the test must fail: a sign-up that meets the outage is then lost.
CLIENT_RETRIES = True
SLUG = "faults"
#: The organizer's API token the API clients use (made by the test, read by the clients).
ORGANIZER_TOKEN: list[str] = []


@dataclass
class Answer:
    """What one person's client was finally told, and what it took."""

    status: str = ""
    position: int | None = None
    failures: list[int | None] = field(default_factory=list)  # None: no HTTP answer
    relogged: bool = False  # the confirmation's answer was lost: logged in by a link


class GaveUp(RuntimeError):
    pass


def _http(base: str, method: str, path: str, *, body: bytes | None = None,
          headers: dict[str, str] | None = None) -> tuple[int, http.client.HTTPMessage, bytes]:
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=20)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.headers, response.read()
    finally:
        conn.close()


def _until_answered(send: Callable[[], tuple[int, http.client.HTTPMessage, bytes]],
                    answer: Answer) -> tuple[int, http.client.HTTPMessage, bytes]:
    """Send until the server answers below 500; honour Retry-After, at most 1 s here."""
    deadline, delay = time.monotonic() + GIVE_UP_AFTER, 0.1
    while True:
        try:
            status, headers, body = send()
        except (OSError, http.client.HTTPException):
            status, headers, body = None, None, b""
        if status is not None and status < 500:
            return status, headers, body
        answer.failures.append(status)
        if not CLIENT_RETRIES or time.monotonic() > deadline:
            raise GaveUp(f"no answer below 500 after {len(answer.failures)} tries: "
                         f"{answer.failures[-5:]}")
        retry_after = headers.get("Retry-After") if headers is not None else None
        time.sleep(min(float(retry_after), 1.0) if retry_after else delay)
        delay = min(delay * 2, 1.0)


def _api_signup(base: str, person: int) -> Answer:
    answer = Answer()
    payload = orjson.dumps({
        "name": f"Person {person}", "email": f"person{person}@faults.example",
        "discipline": "pr", "answers": {"work_use": "job", "plan": "none"},
        "tool_uses": {"microblogging": {"frequency": "daily", "confidence": 4}}})
    # One address per person: the API throttle counts per client address. An organizer's
    # token registers at once (anyone else's sign-up waits for its address's owner).
    headers = {"Content-Type": "application/json", "X-Forwarded-For": f"10.9.0.{person}",
               "Authorization": f"Bearer {ORGANIZER_TOKEN[0]}"}
    status, _, body = _until_answered(lambda: _http(
        base, "POST", f"/api/v1/events/{SLUG}/registrations", body=payload,
        headers=headers), answer)
    assert status == 201, f"person {person}: {status} {body[:300]!r}"
    reply = orjson.loads(body)
    answer.status, answer.position = reply["status"], reply["waitlist_position"]
    return answer


def _cookies(headers: http.client.HTTPMessage, jar: dict[str, str]) -> None:
    for line in headers.get_all("Set-Cookie") or []:
        jar.update({name: morsel.value for name, morsel in SimpleCookie(line).items()})


def _cookie_header(jar: dict[str, str]) -> dict[str, str]:
    return {"Cookie": "; ".join(f"{k}={v}" for k, v in jar.items())} if jar else {}


def _page_form_post(base: str, path: str, fields: dict[str, str], jar: dict[str, str]
                    ) -> Callable[[], tuple[int, http.client.HTTPMessage, bytes]]:
    """A browser's GET of a form page (its CSRF token) then POST of the form; each failed
    try starts again from the page."""
    def send() -> tuple[int, http.client.HTTPMessage, bytes]:
        status, headers, page = _http(base, "GET", path, headers=_cookie_header(jar))
        if status != 200:
            return status, headers, page
        _cookies(headers, jar)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token is not None, page[:300]
        body = urlencode({**fields, "csrfmiddlewaretoken": token.group(1).decode()}).encode()
        status, headers, page = _http(base, "POST", path, body=body, headers={
            "Content-Type": "application/x-www-form-urlencoded", **_cookie_header(jar)})
        _cookies(headers, jar)
        return status, headers, page

    return send


def _mailed_link(kind: str, email: str, field: str, answer: Answer) -> str:
    """The path of the latest link of ``kind`` queued for ``email``, read from the outbox as
    the mailbox would get it; the database may be restarting meanwhile."""
    deadline = time.monotonic() + GIVE_UP_AFTER
    while True:
        try:
            message = (Message.objects.filter(kind=kind, to_email=email).order_by("-id")
                       .first())
            if message is not None:
                return urlsplit(message.secrets[field]).path
        except (OperationalError, InterfaceError):
            answer.failures.append(None)
            connections.close_all()
        if time.monotonic() > deadline:
            raise GaveUp(f"no {kind} message for {email}")
        time.sleep(0.2)


def _web_signup(base: str, person: int) -> Answer:
    """The public form as a browser sends it, then the link mailed to the address: a lost
    answer to the click leaves the link spent, and the person logs in with a link instead."""
    answer, jar, email = Answer(), {}, f"person{person}@faults.example"
    form = {**signup_form(email), "name": f"Person {person}"}
    status, headers, page = _until_answered(
        _page_form_post(base, f"/events/{SLUG}/signup/", form, jar), answer)
    assert status == 302, f"person {person}: {status} {page[:500]!r}"
    assert headers["Location"] == f"/events/{SLUG}/signup/sent/"
    link = _mailed_link("signup_confirm", email, "confirm_url", answer)
    status, headers, page = _until_answered(
        _page_form_post(base, link, {"action": "confirm"}, jar), answer)
    for _ in range(3):
        if status != 410 and status != 400:
            break
        # 410: confirmed, but the answer (and its session) was lost; 400: so was the answer
        # to a log-in link. Log in with a (new) link, as the person would.
        answer.relogged = True
        _until_answered(_page_form_post(base, "/accounts/login/link/", {"email": email}, jar),
                        answer)
        login = _mailed_link("login_link", email, "login_url", answer)
        status, headers, page = _until_answered(_page_form_post(base, login, {}, jar), answer)
    assert status == 302, f"person {person}: {status} {page[:500]!r}"
    status, _, page = _until_answered(lambda: _http(
        base, "GET", f"/events/{SLUG}/me/", headers=_cookie_header(jar)), answer)
    assert status == 200, f"person {person}: {status}"
    text = page.decode()
    place = re.search(r"You are number (\d+) on the waiting list", text)
    if "You have a seat." in text:
        answer.status = "confirmed"
    elif place:
        answer.status, answer.position = "waitlisted", int(place.group(1))
    return answer


def _write_backchannel(path: Path) -> set[str]:
    """POSTS JSONL posts; every tenth repeats an earlier id (a re-fetched page). Returns
    the distinct ids."""
    ids = []
    with path.open("wb") as handle:
        for i in range(POSTS):
            post_id = i - 1234 if i % 10 == 9 and i >= 1234 else i
            ids.append(str(post_id))
            handle.write(orjson.dumps({
                "status_id": str(post_id), "screen_name": f"user{post_id % 97}",
                "text": f"Session {post_id % 40} was {'great' if post_id % 3 else 'hard?'} "
                        f"#faults @user{post_id % 89}",
                "created_at": f"2026-11-24T{9 + post_id // 3600 % 8:02d}:"
                              f"{post_id // 60 % 60:02d}:{post_id % 60:02d}Z"}) + b"\n")
    return set(ids)


def _live(handle: BinaryIO, *, start: float) -> Iterator[bytes]:
    """The file's lines at the pace a live backchannel would bring them over WINDOW."""
    for number, line in enumerate(handle):
        if number % 500 == 0:
            time.sleep(max(0.0, start + WINDOW * number / POSTS - time.monotonic()))
        yield line


def _in_process_get(path: str) -> int:
    """One request through the app on this thread, as a sync worker sends it: the database
    connection this thread opened before the restart is still held (CONN_MAX_AGE)."""
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path}
    setup_testing_defaults(environ)
    statuses: list[str] = []
    body = get_wsgi_application()(environ, lambda status, headers: statuses.append(status))
    b"".join(body)
    body.close()
    return int(statuses[0].split()[0])


def _restart_command() -> list[str]:
    """The command that restarts the server this test's connection talks to, or skip."""
    if settings.DATABASES["default"].get("HOST", "") not in LOCAL_HOSTS:
        pytest.skip("the PostgreSQL server is not on this machine: cannot restart it")
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('data_directory'), current_setting('port'), "
                       "current_setting('server_version_num')::int / 10000")
        data_directory, port, major = cursor.fetchone()
    if shutil.which("pg_lsclusters") and shutil.which("pg_ctlcluster"):  # Debian's wrappers
        listing = subprocess.run(["pg_lsclusters", "--no-header"], capture_output=True,
                                 text=True, check=True).stdout
        for line in listing.splitlines():
            version, name, cluster_port, *_, directory = line.split()[:6]
            if cluster_port == str(port) and directory == data_directory:
                return ["pg_ctlcluster", version, name, "restart", "--mode", "fast"]
    pg_ctl = shutil.which("pg_ctl") or f"/usr/lib/postgresql/{major}/bin/pg_ctl"
    if not Path(pg_ctl).exists():
        pytest.skip("neither pg_ctlcluster nor pg_ctl found: cannot restart PostgreSQL")
    owner = Path(data_directory).owner()
    return ["runuser", "-u", owner, "--", pg_ctl, "-D", data_directory, "restart",
            "-m", "fast", "-w"]


def _postmaster_started() -> object:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_postmaster_start_time()")
        return cursor.fetchone()[0]


def _number(registration: Registration) -> int:
    return int(registration.person.email.removeprefix("person").split("@")[0])


@dataclass
class Probe:
    """Asks for the event page every 50 ms: when was the app unavailable, and how."""

    base: str
    start: float
    restarting: list[int] = field(default_factory=list)  # index of the restart under way
    outage_seen: tuple[threading.Event, ...] = field(
        default_factory=lambda: tuple(threading.Event() for _ in RESTART_AT))
    stop: threading.Event = field(default_factory=threading.Event)
    log: list[tuple[float, int | None]] = field(default_factory=list)

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                status = _http(self.base, "GET", f"/events/{SLUG}/")[0]
            except (OSError, http.client.HTTPException):
                status = None
            self.log.append((time.monotonic() - self.start, status))
            if status != 200 and self.restarting:
                self.outage_seen[self.restarting[-1]].set()
            time.sleep(0.05)

    def outages(self) -> list[tuple[float, float]]:
        """(first failure, first success after it) for each run of failures."""
        spans, down_since = [], None
        for moment, status in self.log:
            if status != 200 and down_since is None:
                down_since = moment
            elif status == 200 and down_since is not None:
                spans.append((down_since, moment))
                down_since = None
        return spans


@dataclass
class Run:
    """What happened while the database restarted, as seen from outside the app."""

    start: float
    probe: Probe
    answers: dict[int, Answer] = field(default_factory=dict)
    crashes: list[BaseException] = field(default_factory=list)
    reports: list[IngestReport] = field(default_factory=list)
    batch_times: list[float] = field(default_factory=list)  # s from start, per batch stored
    restarts: list[tuple[float, float]] = field(default_factory=list)  # (began, done)
    first_after_restart: list[int] = field(default_factory=list)  # status, same connection

    def client(self, base: str, number: int) -> None:
        """Sign up this client's people at their times: even clients by API, odd by form."""
        try:
            for k in range(PEOPLE_PER_CLIENT):
                person = number + CLIENTS * k
                if k == 1 and number < 10:
                    # These wait for the probe to see the database down: some sign-ups
                    # arrive during the outage for certain, not by luck of timing.
                    self.probe.outage_seen[number % 2].wait(timeout=WINDOW + 10)
                else:
                    time.sleep(max(0.0, self.start + WINDOW * person / PEOPLE - time.monotonic()))
                signup = _api_signup if number % 2 == 0 else _web_signup
                self.answers[person] = signup(base, person)
        except BaseException as exc:  # reported by the main thread
            self.crashes.append(exc)
        finally:
            connections.close_all()  # the outbox reads of _mailed_link

    def ingest(self, event: object, path: Path) -> None:
        try:
            with path.open("rb") as handle:
                self.reports.append(posts_ingest(
                    event=event, data=_live(handle, start=self.start), fmt="jsonl",
                    source_name=path.name,
                    progress=lambda n: self.batch_times.append(time.monotonic() - self.start)))
        except BaseException as exc:  # reported by the main thread
            self.crashes.append(exc)
        finally:
            connections.close_all()

    def restart_database(self, command: list[str]) -> None:
        for number, fraction in enumerate(RESTART_AT):
            time.sleep(max(0.0, self.start + WINDOW * fraction - time.monotonic()))
            self.probe.restarting.append(number)
            began = time.monotonic() - self.start
            done = subprocess.run(command, capture_output=True, text=True, timeout=60)
            assert done.returncode == 0, done.stderr
            self.restarts.append((began, time.monotonic() - self.start))
            self.first_after_restart.append(_in_process_get(f"/events/{SLUG}/"))

    def summary(self) -> str:
        retries = sum(len(a.failures) for a in self.answers.values())
        met = sorted({str(s) for a in self.answers.values() for s in a.failures})
        pause = max((b - a for a, b in itertools.pairwise(self.batch_times)), default=0.0)
        return "\n".join([
            f"restarts (s from start, begin-end): "
            f"{[(round(a, 2), round(b, 2)) for a, b in self.restarts]}",
            f"app unavailable (probe; s from start, s): "
            f"{[(round(a, 2), round(b - a, 2)) for a, b in self.probe.outages()]}",
            f"sign-up retries: {retries} by "
            f"{sum(1 for a in self.answers.values() if a.failures)} of {PEOPLE} people; "
            f"answers met: {met}; confirmations answered too late, then logged in by a link: "
            f"{sum(a.relogged for a in self.answers.values())}",
            f"ingest: {self.reports[0].summary() if self.reports else '-'}; "
            f"{len(self.batch_times)} batches, first at {min(self.batch_times, default=0):.2f} s, "
            f"longest pause between batches {pause:.2f} s"])


def _run(base: str, event: object, backchannel: Path, restart: list[str]) -> Run:
    """Clients, the ingest and the probe in threads; this thread restarts the database."""
    start = time.monotonic()
    run = Run(start=start, probe=Probe(base, start))
    workers = [threading.Thread(target=run.client, args=(base, n), daemon=True)
               for n in range(CLIENTS)]
    workers.append(threading.Thread(target=run.ingest, args=(event, backchannel), daemon=True))
    prober = threading.Thread(target=run.probe.run, daemon=True)
    for thread in [prober, *workers]:
        thread.start()
    run.restart_database(restart)
    for thread in workers:
        thread.join(timeout=GIVE_UP_AFTER + WINDOW)
    assert not any(thread.is_alive() for thread in workers), "a client or the ingest hangs"
    time.sleep(0.3)  # the probe's last word comes after everything else
    run.probe.stop.set()
    prober.join(timeout=5)
    return run


def _check_signups(event: object, run: Run) -> None:
    """Each person once, as many seats as there are, and what each client was told."""
    assert sorted(run.answers) == list(range(PEOPLE))
    registrations = list(Registration.objects.filter(event=event).select_related("person"))
    assert sorted(r.person.email for r in registrations) == sorted(
        f"person{n}@faults.example" for n in range(PEOPLE))
    assert Person.objects.count() == PEOPLE
    by_person = {_number(r): r for r in registrations}
    statuses = [r.status for r in registrations]
    assert statuses.count("confirmed") == min(CAPACITY, PEOPLE)
    assert statuses.count("waitlisted") == PEOPLE - min(CAPACITY, PEOPLE)
    assert {n: a.status for n, a in run.answers.items()} == {
        n: r.status for n, r in by_person.items()}
    # Nobody cancels, so the place each was told is the place they hold, first come first.
    queue = sorted((r for r in registrations if r.status == "waitlisted"),
                   key=lambda r: (r.created_at, r.pk))
    assert {_number(r): place for place, r in enumerate(queue, 1)} == {
        n: a.position for n, a in run.answers.items() if a.status == "waitlisted"}
    assert max(r.created_at for r in registrations if r.status == "confirmed") <= min(
        r.created_at for r in queue)
    assert Assessment.objects.filter(event=event).count() == PEOPLE
    assert all(by_person[n].person.user_id is not None
               for n in range(PEOPLE) if n % CLIENTS % 2 == 1)  # the web form's accounts


def _check_ingest(event: object, run: Run, distinct_ids: set[str]) -> None:
    """Every distinct post once, and the report adds up."""
    (report,) = run.reports
    assert report.problems == [] and report.read == POSTS
    assert report.created + report.duplicates == report.read
    stored = list(Post.objects.filter(event=event).values_list("source", "source_id"))
    assert len(stored) == len(set(stored)) == len(distinct_ids)
    assert {source_id for _, source_id in stored} == distinct_ids
    # A batch whose commit landed but whose answer was lost counts as "already there".
    assert 0 <= len(distinct_ids) - report.created <= BATCH * len(RESTART_AT)
    # Its connection died with each restart: batches stored after the last one prove that
    # the ingest came back by itself.
    assert run.batch_times[-1] > run.restarts[-1][1], "the ingest ended before the restart"


@pytest.fixture
def fresh_connection_after(transactional_db):
    """The restart breaks this thread's connection: drop it before the flush at teardown."""
    yield
    connections.close_all()


@pytest.mark.slow
@pytest.mark.serial  # `make test` runs it alone, before the parallel run
@pytest.mark.skipif(not ON_POSTGRESQL, reason="restarts the database server: PostgreSQL "
                    "only (set DATABASE_URL=postgres://…)")
@pytest.mark.skipif(ON_POSTGRESQL and not RESTART_ALLOWED, reason="restarts the PostgreSQL "
                    "server, which disturbs everyone using it: set IMMERSE_TEST_RESTART_DB=1 "
                    "on a cluster of your own (CI sets CI=true)")
@pytest.mark.skipif(ON_POSTGRESQL and os.geteuid() != 0,
                    reason="restarting PostgreSQL needs root (as in CI)")
@pytest.mark.skipif("PYTEST_XDIST_WORKER" in os.environ,
                    reason="a restart would break the other workers' tests: run without -n")
def test_database_restart_loses_and_duplicates_nothing(
        fresh_connection_after, http_server: str, tmp_path: Path, settings) -> None:
    restart = _restart_command()
    event = make_event(slug=SLUG, capacity=CAPACITY)
    tools_sync()
    organizer = make_user("faults-organizer")
    make_role(event=event, user=organizer)
    ORGANIZER_TOKEN[:] = [token_create(user=organizer, name="faults")[1]]
    settings.SIGNUP_RATE = "10000/m"  # one test address sends every web sign-up
    settings.LOGIN_RATE = "10000/m"  # and log-in links asked again after a 503
    # Seats are decided when a sign-up is confirmed, so "first come, first served" below is
    # the order of the registrations (holds have their own tests: people/test_concurrency).
    settings.IMMERSE_SIGNUP_HOLD_MINUTES = 0
    distinct_ids = _write_backchannel(tmp_path / "backchannel.jsonl")
    first_start = _postmaster_started()

    run = _run(http_server, event, tmp_path / "backchannel.jsonl", restart)
    connections.close_all()  # a restart may have killed this thread's connection again
    print(f"\n{run.summary()}")

    assert not run.crashes, run.crashes
    assert _postmaster_started() > first_start
    assert all(seen.is_set() for seen in run.probe.outage_seen), "a restart went unnoticed"
    assert sum(len(a.failures) for a in run.answers.values()) > 0
    # The same app server, never restarted, answers normally.
    assert _http(http_server, "GET", f"/events/{SLUG}/")[0] == 200
    assert run.probe.log[-1][1] == 200
    # Health checks replace a connection the restart killed before the first query.
    assert run.first_after_restart == [200] * len(RESTART_AT)
    _check_signups(event, run)
    _check_ingest(event, run, distinct_ids)
