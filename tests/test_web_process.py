"""A web worker carries no solver stack: OR-Tools, SciPy, Numba, HiGHS and scikit-learn load
only where planning, table forming, ingest or the listening analyses run.

Starting Django used to import all of them (255–300 MB per gunicorn worker). The check runs
in a child process, for a clean ``sys.modules``, on this test's committed database.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta

import pytest
from django.db import connection

from immerse.program.models import AgendaItem
from tests.cli.conftest import child_env
from tests.factories import make_event, make_person, make_registration, make_session, make_user

SOLVER_STACK = ("highspy", "numba", "ortools", "scipy", "sklearn")

WEB_CHILD = """
import json, os, sys
from immerse.config.wsgi import application  # django.setup(), as gunicorn does
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import get_resolver

get_resolver().url_patterns  # the whole URLconf: every app's views module
client = Client()
client.force_login(get_user_model().objects.get(username="web-attendee"))
slug = os.environ["WEB_EVENT"]
pages = ["/", f"/events/{slug}/", f"/events/{slug}/program/", f"/events/{slug}/me/agenda/"]
statuses = {page: client.get(page).status_code for page in pages}
heavy = sorted({name.partition(".")[0] for name in sys.modules} & set(sys.argv[1:]))
print(json.dumps({"statuses": statuses, "heavy": heavy}))
"""


def _database_url() -> str:
    """The test database, as the child's settings read it (DATABASE_URL)."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    return (f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}")


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_serving_pages_imports_no_solver_stack(tmp_path) -> None:
    event = make_event(slug="web-imports", capacity=10)
    talk = make_session(event=event, title="Stories", levels=(1,), start_hour=9)
    lab = make_session(event=event, title="Lab", fmt="lab", levels=(1, 2), start_hour=11)
    person = make_person(user=make_user("web-attendee"))
    registration = make_registration(event=event, person=person, level=1)
    for session in (talk, lab):
        AgendaItem.objects.create(registration=registration, session=session,
                                  reason="Made for your level.")
    env = child_env(tmp_path)
    env.update({"DATABASE_URL": _database_url(), "WEB_EVENT": event.slug,
                "DJANGO_SETTINGS_MODULE": "immerse.config.settings"})

    result = subprocess.run([sys.executable, "-c", WEB_CHILD, *SOLVER_STACK], cwd=tmp_path,
                            env=env, capture_output=True, text=True,
                            timeout=timedelta(minutes=3).total_seconds())

    assert result.returncode == 0, result.stderr[-3000:]
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["statuses"] == {"/": 200, "/events/web-imports/": 200,
                                  "/events/web-imports/program/": 200,
                                  "/events/web-imports/me/agenda/": 200}
    assert answer["heavy"] == []
