"""Every page, fed junk in every form field and query parameter it reads, answers without a 500.

``str.isdigit()`` accepted "²" (and ``int("²")`` raised), "١" was read as id 1, and "abc"
reached a query as an id: nine pages answered 500. The parameter names are found in the
code (``…GET/POST.get("name")``, ``getlist``, ``params.get``, and the fields of every form
a view module uses), so a page that learns a new parameter is fed junk in it too.
"""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

import pytest
from django import forms
from django.db import transaction
from django.test import Client
from django.urls import get_resolver, reverse

import immerse
from immerse.common.ids import id_parse, ids_parse
from tests.test_access_matrix import PAGES, POST_DATA, ROLES, _routes, build_world

pytestmark = pytest.mark.django_db
JUNK = ("abc", "²", "١", "-1", "99999999999999999999", "", "cancel:²", "resend:١")
#: Tried on each name alone (the rest only with every name at once, to bound the requests).
JUNK_ALONE = ("abc", "²", "١", "99999999999999999999", "cancel:²")
SRC = Path(immerse.__file__).parent
# `x.get("name")`, `x.getlist("name")`, `x.get("name", default)` on request data.
READ = re.compile(r"""\.get(?:list)?\(\s*["']([a-z_0-9]+)["']""")


def _view_modules(name: str) -> list[str]:
    """The source of the module holding route ``name``'s view and of the modules of the
    same app it imports (a listing that reads the query, forms)."""
    view = get_resolver().resolve(_url_for(name)).func
    module = inspect.getmodule(inspect.unwrap(view))
    if module is None or not module.__name__.startswith("immerse."):
        return []  # Django's own views (log-in, password reset)
    texts = [_source(module)]
    app = module.__name__.split(".")[1]
    for imported in re.findall(r"^from (immerse\.[\w.]+) import", texts[0], re.M):
        if imported.split(".")[1] == app and "models" not in imported:
            texts.append(_source(importlib.import_module(imported)))
    return texts


def _source(module: object) -> str:
    try:
        return inspect.getsource(module)  # type: ignore[arg-type]
    except OSError:
        return ""  # an empty package __init__


_KWARGS: dict[str, object] = {}


def _url_for(name: str) -> str:
    pattern = dict(_routes())[name]
    keys = [part.split(":")[-1].rstrip(">").split(">")[0] for part in pattern.split("<")[1:]]
    return reverse(name, kwargs={key: _KWARGS[key] for key in keys})


def _parameters(texts: list[str]) -> tuple[set[str], set[str]]:
    """The names the code reads one by one, and the fields of the forms it uses."""
    read = {name for text in texts for name in READ.findall(text)}
    fields: set[str] = set()
    for text in texts:
        for form_name in re.findall(r"\b(\w+Form)\(", text):
            for module in _form_modules():
                form = getattr(module, form_name, None)
                if isinstance(form, type) and issubclass(form, forms.BaseForm):
                    fields |= set(form.base_fields)
    return read, fields


def _form_modules() -> list[object]:
    return [importlib.import_module(f"immerse.{path.parent.name}.forms")
            for path in SRC.glob("*/forms.py")]


def _role_for(allowed: set[str]) -> str:
    for role in ("organizer", "attendee", "facilitator", "staff", "anonymous"):
        if role in allowed:
            return role
    return ROLES[0]


def test_the_id_parser_takes_ascii_digits_in_range_only() -> None:
    assert [id_parse(v) for v in ("7", "²", "١", "-1", "0", "", "1 ", "12\n",
                                  "9" * 18, "9" * 19, None)] == [
        7, None, None, None, None, None, None, None, 10**18 - 1, None, None]
    assert ids_parse(["3", "x", "١", "4", "5"], limit=4) == [3, 4]


@pytest.mark.slow
def test_no_page_answers_500_to_junk_in_any_parameter() -> None:
    world = build_world()
    _KWARGS.update(world.kwargs)
    failures = []
    for name, _ in _routes():
        _method, allowed = PAGES[name]
        if name in ("logout",):
            continue
        role = _role_for(allowed)
        client = Client(raise_request_exception=False)
        if role != "anonymous":
            client.force_login(world.users[role])
        url = _url_for(name)
        base = {key: world.kwargs.get(str(value)[1:], value) if str(value).startswith("$")
                else value for key, value in POST_DATA.get(name, {}).items()}
        read, fields = _parameters(_view_modules(name))
        # Each name read by hand alone (a junk `row` must not hide `ids`), then every name
        # and form field at once (forms validate their fields; one request per junk).
        tries = [{parameter: junk} for parameter in sorted(read) for junk in JUNK_ALONE]
        tries += [dict.fromkeys(read | fields, junk) for junk in JUNK if read | fields]
        for junk_data in tries:
            with transaction.atomic():
                asked = client.get(url, junk_data)
                sent = client.post(url, {**base, **junk_data})
                transaction.set_rollback(True)
            for verb, response in (("GET", asked), ("POST", sent)):
                if response.status_code >= 500:
                    failures.append(f"{role} {verb} {url} {junk_data} -> "
                                    f"{response.status_code}")
    assert failures == [], "\n".join(failures)
