"""Site commands: demo, serve, migrate, check, manage, token create.

Django is set up inside each command, then its modules are imported there: models cannot be
imported before `django.setup()`, and `immerse --help` stays fast without Django.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from immerse.cli.django_setup import (
    MIGRATE_HINT,
    database_label,
    migrate_database,
    open_database,
    pending_migrations,
    setup_django,
)
from immerse.cli.options import HostOption, PortOption
from immerse.cli.workers import embedded_runner_start, embedded_runner_stop

console = Console(stderr=True)


def demo(
    no_serve: Annotated[bool, typer.Option("--no-serve", help="Only build the demo.")] = False,
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    seed: Annotated[int, typer.Option(help="Seed of the generated demo.")] = 2009,
) -> None:
    """Create the database, load the demo events, and serve them."""
    serving_to_people()
    site_url_default(host, port)
    setup_django(migrate=True)
    # Django is set up only now (see the module docstring).
    from django.conf import settings

    from immerse.demo.build import demo_build, demo_plan
    from immerse.demo.messages import demo_messages_seed

    with console.status("Building the demo…") as status:
        summary = demo_build(seed=seed, progress=lambda step: status.update(f"Building {step}…"))
        demo_plan(progress=lambda step: status.update(f"Planning {step}…"), seed=seed)
        status.update("Writing the messages…")
        demo_messages_seed()
    db = settings.DATABASES["default"]
    console.print(f"Demo ready in {db['NAME'] if db['ENGINE'].endswith('sqlite3') else db['HOST']}")
    for slug, confirmed in summary.events.items():
        console.print(f"  http://{host}:{port}/events/{slug}/  ({confirmed} confirmed)")
    console.print(
        f"Organizer login: [bold]{summary.organizer_username}[/] / "
        f"[bold]{summary.organizer_password}[/]   attendee login: "
        f"[bold]{summary.attendee_username}[/] / [bold]{summary.organizer_password}[/]",
        soft_wrap=True)  # a password broken over two lines reads as two words
    _demo_messages_say(f"http://{host}:{port}")
    if not no_serve:
        _static_root_make()
        _with_runner(lambda: _serve(host, port), runner=True)


def _demo_messages_say(site: str) -> None:
    """Where to read the demo's messages: no mail server is needed, none is used."""
    # Django is set up by the caller (see the module docstring).
    from immerse.notify.models import Message

    held = Message.objects.filter(status=Message.Status.HELD).count()
    console.print(
        f"Messages: {held} held in the outbox (the demo's people are fictional: nothing is "
        "sent, no mail server needed). Read them:\n"
        f"  organizer's outbox: {site}/events/mobile-immersion/organize/messages/\n"
        f"  attendee's messages: {site}/me/messages/\n"
        "  in the terminal: immerse mail preview agenda_ready --event mobile-immersion",
        soft_wrap=True)


def serve(
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    workers: Annotated[int, typer.Option(
        help="Web server processes: gunicorn with this many workers (production defaults "
             "to 2 per core); 0 in development: Django's own threaded server.")] = -1,
    task_worker: Annotated[bool, typer.Option(
        "--task-worker/--no-task-worker",
        help="Start a background worker with the scheduler beside the web server (the "
             "database queue only; with Celery, run `immerse worker` and `immerse beat`).")]
    = True,
) -> None:
    """Serve the web pages and the API on the current data, with a background worker."""
    serving_to_people()
    site_url_default(host, port)
    if workers > 0:
        # Several processes: live regions' versions go to a cache they all share (settings).
        os.environ["IMMERSE_LIVE_CACHE_SHARED"] = "1"
    setup_django(migrate=True)
    # Django is set up only now (see the module docstring).
    from django.conf import settings
    from django.core.management import call_command

    if settings.PRODUCTION:
        call_command("collectstatic", interactive=False, verbosity=0)
    else:
        _static_root_make()
    if workers < 0:
        workers = 2 * (os.cpu_count() or 1) if settings.PRODUCTION else 0
    if workers > 0:
        _with_runner(lambda: _gunicorn(host, port, workers), runner=task_worker)
    else:
        _with_runner(lambda: _serve(host, port), runner=task_worker)


def serving_to_people() -> None:
    """Pages served to people never show Django's debug pages (its 404 lists every URL
    pattern, its 500 the settings): DEBUG is off whatever DJANGO_DEBUG says, so the site's
    own 404/500 pages answer, and WhiteNoise serves the static files (settings). Call before
    Django is set up; the worker processes started from here inherit it."""
    if os.environ.get("DJANGO_DEBUG", "").strip().lower() in {"1", "true", "yes", "on"}:
        console.print("DJANGO_DEBUG is ignored here: `serve` never shows Django's debug "
                      "pages. For those, run `immerse manage runserver` instead.")
    os.environ["DJANGO_DEBUG"] = "0"


#: Addresses that listen everywhere but that nobody can open in a browser.
_WILDCARD_HOSTS = {"0.0.0.0", "::", "[::]", ""}


def site_url_default(host: str, port: int) -> str:
    """Links in messages and calendar feeds start with ``IMMERSE_SITE_URL``; unless the
    environment names the public address, it is where this command serves, so a
    confirmation link works on ``--port 8123`` too. Call before Django is set up: the
    settings read it once, and the background worker started from here inherits it."""
    if os.environ.get("IMMERSE_SITE_URL", "").strip():
        return os.environ["IMMERSE_SITE_URL"]
    shown = "127.0.0.1" if host in _WILDCARD_HOSTS else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"  # an IPv6 literal in a URL
    os.environ["IMMERSE_SITE_URL"] = f"http://{shown}:{port}"
    return os.environ["IMMERSE_SITE_URL"]


def _static_root_make() -> None:
    """Outside production WhiteNoise serves the apps' files through the finders, yet warns
    on every start when STATIC_ROOT is missing; an empty one (collectstatic's place) keeps
    it quiet, for Django's server and gunicorn alike."""
    # Django is set up by the caller (see the module docstring).
    from django.conf import settings

    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


def _with_runner(serve_web: Callable[[], None], *, runner: bool) -> None:
    """Serve the web with the embedded task runner beside it (stopped with the server)."""
    process = embedded_runner_start() if runner else None
    if process is not None:
        console.print(f"Background worker and scheduler started (pid {process.pid}).")
    try:
        serve_web()
    finally:
        embedded_runner_stop(process)


def _serve(host: str, port: int) -> None:
    # Django is set up by the caller (see the module docstring).
    from django.core.management import call_command

    from immerse.cli.embedded_server import EmbeddedServerCommand

    console.print(f"Serving on http://{host}:{port}/  (Ctrl-C stops)")
    call_command(EmbeddedServerCommand(), f"{host}:{port}", use_reloader=False,
                 use_threading=True)


#: gunicorn's settings under `serve --workers N`, before gunicorn.conf.py,
#: GUNICORN_CMD_ARGS and the command line (which may change them). Threaded workers
#: ("gthread") with keep-alive: an idle connection waits in the worker's poller, not in a
#: thread, so hundreds of phones polling a live region (every 1.5 s, docs/architecture.md
#: "Live pages") keep their connections and never make a page wait behind them, as sync
#: workers (one request at a time, a new connection each) did. 8 threads: a request spends
#: about half its time waiting on PostgreSQL and Redis, and with 8 a worker kept serving
#: meanwhile; bench/RESULTS.md ("Threaded gunicorn") measured 2, 4 and 8, 8 gave the lowest
#: tails. Each thread keeps a database connection (docs/deployment.md). Keep-alive above
#: the polls' 1.65 s at most, so a viewer's connection is reused.
GUNICORN_DEFAULTS: dict[str, object] = {"worker_class": "gthread", "threads": 8,
                                        "keepalive": 5}


def _gunicorn(host: str, port: int, workers: int) -> None:
    # Django is set up by the caller (see the module docstring).
    from django.conf import settings
    from django.db import connections

    forwarding = gunicorn_forwarding(settings.IMMERSE_TRUSTED_PROXIES)
    # The migration left this process connected; every worker gunicorn forks would inherit
    # that one socket and talk over the others on it (each worker's answers then carry
    # another's rows: 500s, and tokens not found). Each worker connects on its own instead.
    connections.close_all()
    gunicorn_server(host, port, workers, forwarding=forwarding).run()


def gunicorn_server(host: str, port: int, workers: int, *,
                    forwarding: dict[str, object]) -> Any:
    """The gunicorn application `serve --workers` runs, configured (not started).
    It reads the command line it is given here, like `gunicorn` itself."""
    # Only `serve --workers` needs gunicorn; kept off every other command's path.
    from gunicorn.app.wsgiapp import WSGIApplication

    class Server(WSGIApplication):  # type: ignore[misc]  # gunicorn ships no types
        def load_default_config(self) -> None:
            super().load_default_config()
            for name, value in GUNICORN_DEFAULTS.items():
                self.cfg.set(name, value)

        def load_config(self) -> None:
            super().load_config()
            # After every other source (gunicorn.conf.py, GUNICORN_CMD_ARGS,
            # FORWARDED_ALLOW_IPS): the one setting that says whom to believe wins.
            for name, value in forwarding.items():
                self.cfg.set(name, value)

    sys.argv = ["gunicorn", "--bind", f"{host}:{port}", "--workers", str(workers),
                "--access-logfile", "-",
                "--logger-class", "immerse.config.gunicorn_logger.RedactingLogger",
                "immerse.config.wsgi:application"]
    return Server("%(prog)s [OPTIONS] [APP_MODULE]")


def gunicorn_forwarding(networks: Sequence[object]) -> dict[str, object]:
    """gunicorn's forwarding trust from ``IMMERSE_TRUSTED_PROXIES``.

    gunicorn believes X-Forwarded-Proto, X-Forwarded-Ssl and X-Forwarded-Protocol from
    127.0.0.1 by default and then sets the request's scheme itself, which Django falls back
    to when TrustedProxyMiddleware has dropped its header: a client on the same machine
    could claim HTTPS. Here gunicorn trusts exactly the proxies Django trusts, and only the
    header Django reads (none at all without proxies).
    """
    return {
        "forwarded_allow_ips": ",".join(str(network) for network in networks),
        "secure_scheme_headers": {"X-FORWARDED-PROTO": "https"} if networks else {},
    }


def migrate(
    check: Annotated[bool, typer.Option(
        "--check", help="Change nothing; exit 1 when migrations are pending.")] = False,
) -> None:
    """Bring the database schema up to date (`demo` and `serve` do this themselves)."""
    setup_django()
    where = database_label()
    pending = pending_migrations()
    if not pending:
        typer.echo(f"The database at {where} is up to date.", err=True)
        return
    if check:
        typer.echo(f"The database at {where} needs migrating: {len(pending)} pending; "
                   f"{MIGRATE_HINT}.", err=True)
        raise typer.Exit(1)
    started = time.perf_counter()
    with console.status(f"Applying {len(pending)} migrations to {where}…"):
        migrate_database()
    typer.echo(f"Applied {len(pending)} migrations to {where} in "
               f"{time.perf_counter() - started:.1f} s.", err=True)


def check(
    deploy: Annotated[bool, typer.Option("--deploy", help="Include deployment checks.")] = False,
) -> None:
    """Run Django's system checks (with --deploy: the production checklist)."""
    setup_django()
    # Django is set up only now (see the module docstring).
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    try:
        call_command("check", deploy=deploy, fail_level="WARNING")
    except SystemCheckError as exc:
        console.print(str(exc))
        raise typer.Exit(1) from exc


def manage(ctx: typer.Context) -> None:
    """Any Django management command, e.g. `immerse manage createsuperuser`."""
    setup_django()
    # Django is set up only now (see the module docstring).
    from django.core.management import execute_from_command_line

    execute_from_command_line(["immerse manage", *ctx.args])


def token_create(
    username: Annotated[str, typer.Argument(help="The account the token acts as.")],
    name: Annotated[str, typer.Option(help="What the token is for.")] = "integration",
) -> None:
    """Create an API token; the key is printed once and never stored."""
    open_database()
    # Django is set up only now (see the module docstring).
    from django.contrib.auth import get_user_model

    from immerse.people.tokens import token_create as create

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        console.print(f"[red]No user {username!r}.[/]")
        raise typer.Exit(2)
    _, key = create(user=user, name=name)
    typer.echo(key)
