"""Mail benchmark: the outbox sending 10,000 messages to a loopback SMTP server.

1. Throughput: 10,000 queued messages (multipart, rendered from the broadcast templates,
   with the one-click unsubscribe headers) sent through the task runner —
   ``common.tasks.enqueue("mail_send")``, the periodic task's own entry point — to an
   aiosmtpd server on 127.0.0.1 in this process, the sender in a process of its own (as a
   worker is): messages per second, end to end (claim, render, SMTP, mark sent).
2. A crash: 10,000 more, sent by a separate process (``--sender``, the same enqueue loop)
   that is killed with SIGKILL mid-run, then started again. The SMTP server counts every
   message by its outbox id (the ``X-Immerse-Message`` header): lost = rows not sent or
   never received, duplicates = extra receptions (target 0; at most the one in flight).

    .venv/bin/python bench/mail.py                       # SQLite in a temporary folder
    DATABASE_URL=postgres://…/immerse_bench_mail .venv/bin/python bench/mail.py
    .venv/bin/python bench/mail.py --messages 2000       # a shorter run

Prints figures; it is not a test. The sender and the SMTP server are stopped at the end.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ID = re.compile(rb"^X-Immerse-Message: (\d+)\r?$", re.MULTILINE)
#: The restarted sender takes back rows the killed one left "sending" after this long.
CLAIM_TIMEOUT = 5


class Counting:
    """An aiosmtpd handler that counts each message by its outbox id (headers only)."""

    def __init__(self) -> None:
        self.seen: Counter[int] = Counter()
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's hook
        found = ID.search(envelope.original_content[:4096])
        if found:
            with self.lock:
                self.seen[int(found.group(1))] += 1
        return "250 OK"

    def total(self) -> int:
        with self.lock:
            return sum(self.seen.values())


def smtp_start() -> tuple[object, Counting, int]:
    # aiosmtpd is a test dependency: only this benchmark and the tests need it.
    from aiosmtpd.controller import Controller

    with socket.socket() as probe:  # aiosmtpd's start-up check cannot use port 0
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = Counting()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    return controller, handler, port


def environment(data_dir: str, port: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "DJANGO_SETTINGS_MODULE": "immerse.config.settings", "IMMERSE_DATA_DIR": data_dir,
        "EMAIL_URL": f"smtp://127.0.0.1:{port}", "IMMERSE_MAIL_RATE_PER_MINUTE": "1000000000",
        "IMMERSE_MAIL_CLAIM_TIMEOUT": str(CLAIM_TIMEOUT),
        "IMMERSE_TASK_BACKEND": "immerse.common.tasks.InlineBackend",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"),
                                                     os.environ.get("PYTHONPATH")]))})
    return env


def django_start(env: dict[str, str]) -> None:
    os.environ.update(env)
    # Django reads the environment set just above: imported only now.
    from immerse.cli.django_setup import setup_django

    setup_django(migrate=True)


def clean() -> None:
    """Remove an earlier run's rows (a PostgreSQL database outlives the run)."""
    # Django is set up by the caller.
    from immerse.events.models import Event
    from immerse.people.models import Person

    Event.objects.filter(slug="bench-mail").delete()
    Person.objects.filter(email__endswith="@bench.example").delete()


def queue(n: int, tag: str) -> list[int]:
    """``n`` broadcast messages to ``n`` people of one event (bulk, as a broadcast does).

    Queued held, then released: queuing kicks a send once committed, and the inline task
    backend would run it right here; the timed phases measure the sender alone."""
    # Django is set up by the caller.
    from datetime import date

    from django.db import transaction

    from immerse.events.models import Event
    from immerse.notify.models import Message
    from immerse.notify.services import Draft, messages_held, messages_queue
    from immerse.people.models import Person

    event, _ = Event.objects.get_or_create(slug="bench-mail", defaults={
        "kind": "conference", "title": "Mail benchmark", "start_date": date(2027, 5, 1),
        "end_date": date(2027, 5, 1), "capacity": 100000})
    people = Person.objects.bulk_create(
        [Person(name=f"Reader {tag}{k}", email=f"reader-{tag}{k}@bench.example")
         for k in range(n)], batch_size=1000)
    with transaction.atomic(), messages_held():
        messages_queue(Draft("broadcast", f"bench:{tag}:{p.pk}", p.email, p.name, p, event,
                             {"subject": "Doors open at nine",
                              "body": "Bring a charged phone.\nThe wifi is on your badge."})
                       for p in people)
    rows = Message.objects.filter(key__startswith=f"bench:{tag}:")
    rows.update(status=Message.Status.QUEUED)
    return list(rows.values_list("id", flat=True))


def drain() -> None:
    """What a worker does each minute: run mail_send until nothing is left to send."""
    # Django is set up by the caller.
    from immerse.common.tasks import enqueue
    from immerse.notify.models import Message

    waiting = Message.objects.filter(status__in=[Message.Status.QUEUED,
                                                 Message.Status.SENDING])
    while waiting.exists():
        enqueue("mail_send")
        if waiting.filter(status=Message.Status.SENDING).exists():
            time.sleep(0.5)  # a killed sender's rows come back after the claim timeout


def sender_main() -> None:
    django_start({})
    started = time.perf_counter()
    drain()
    print(f"drained in {time.perf_counter() - started:.3f} s", flush=True)


def status_counts(ids: list[int]) -> dict[str, int]:
    from django.db.models import Count

    from immerse.notify.models import Message

    return dict(Message.objects.filter(id__in=ids).values_list("status")
                .annotate(n=Count("id")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--kill-at", type=float, default=0.4,
                        help="kill the sender when this share of the run was received")
    parser.add_argument("--sender", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.sender:
        sender_main()
        return
    controller, handler, port = smtp_start()
    with tempfile.TemporaryDirectory() as data_dir:
        env = environment(data_dir, port)
        django_start(env)
        from django.conf import settings
        from django.db import connection

        where = ("SQLite file" if connection.vendor == "sqlite"
                 else f"PostgreSQL {settings.DATABASES['default']['NAME']}")
        print(f"database: {where}; SMTP: aiosmtpd on 127.0.0.1:{port}")
        clean()

        # 1. Throughput through the task runner, in a sender process of its own.
        started = time.perf_counter()
        first = queue(args.messages, "a")
        queued_in = time.perf_counter() - started
        connection.close()  # the sender has the database to itself while it runs
        command = [sys.executable, str(Path(__file__).resolve()), "--sender"]
        output = subprocess.run(command, env=env, check=True, capture_output=True,
                                text=True).stdout
        seconds = float(re.search(r"drained in ([\d.]+) s", output).group(1))
        received = sum(handler.seen[i] for i in first)
        print(f"throughput: queued {len(first)} in {queued_in:.1f} s; sent {received} in "
              f"{seconds:.1f} s = {received / seconds:.0f} messages/s; "
              f"statuses {status_counts(first)}")

        # 2. A sender killed mid-run, then started again.
        second = queue(args.messages, "b")
        connection.close()
        child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
        before = handler.total()
        target = before + int(args.kill_at * len(second))
        while handler.total() < target and child.poll() is None:
            time.sleep(0.005)
        child.send_signal(signal.SIGKILL)
        child.wait()
        at_kill = handler.total() - before
        in_flight = status_counts(second).get("sending", 0)
        print(f"killed the sender (SIGKILL) after {at_kill} of {len(second)} received; "
              f"{in_flight} row(s) left 'sending'")
        started = time.perf_counter()
        subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
        resumed = time.perf_counter() - started
        statuses = status_counts(second)
        lost = len(second) - statuses.get("sent", 0) + sum(
            1 for i in second if handler.seen[i] == 0)
        duplicates = sum(handler.seen[i] - 1 for i in second if handler.seen[i] > 1)
        print(f"restarted: finished in {resumed:.1f} s (claim timeout {CLAIM_TIMEOUT} s); "
              f"statuses {statuses}")
        print(f"lost: {lost} (target 0); duplicates: {duplicates} "
              f"(target 0, at most the {in_flight} in flight)")
        clean()
        connection.close()
    controller.stop()


if __name__ == "__main__":
    main()
