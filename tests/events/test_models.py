"""Event models: the schema matches the models, and session formats follow the catalogue."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from immerse.engine import catalogue
from immerse.events.models import Session


@pytest.mark.django_db
def test_models_and_migrations_agree() -> None:
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)  # exits 1 on a gap
    assert "No changes detected" in out.getvalue()


def test_session_formats_are_the_catalogue_s(monkeypatch: pytest.MonkeyPatch) -> None:
    field = Session._meta.get_field("format")
    extra = catalogue.Format("fishbowl", "Fishbowl", (2, 3), "Chairs in the middle.",
                             offer="o", look_for={}, exchange_type="meeting",
                             plural="fishbowls", pitch="A fishbowl on {s}.")
    monkeypatch.setattr(catalogue, "FORMATS", (*catalogue.FORMATS, extra))
    monkeypatch.setattr("immerse.events.models.FORMATS", catalogue.FORMATS)
    # A new catalogue entry is a choice at once, with no migration to write.
    assert ("fishbowl", "Fishbowl") in field.choices
    field.clean("fishbowl", None)
