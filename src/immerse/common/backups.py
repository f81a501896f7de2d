"""What an app puts in an event backup: the declaration each app's ``backup.py`` makes.

Every app that owns rows says, in its own ``backup.py`` (``BACKUP = AppBackup(…)``), which of
its models an event's backup holds, in what role, how their rows are found, which fields stay
out of the file and why, and which models it leaves out on purpose and why.
``immerse.backup`` collects the declarations through the app registry (as
``autodiscover_modules("tasks")`` finds tasks), so this floor imports no app and the backup
imports no app's models. ``tests/test_backup.py`` holds every model to a declaration.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from django.db import models

#: How the import treats a row (docs/formats.md, "Event backup"): ``shared`` rows (tools,
#: chapters, accounts) and ``person`` rows are matched by their natural key and never
#: overwritten; ``owned`` rows (a person's own) come back only with a person the import
#: creates; ``event`` rows always come back.
Role = Literal["shared", "person", "owned", "event"]
ROLES: tuple[Role, ...] = ("shared", "person", "owned", "event")


@dataclass(frozen=True, slots=True)
class Scope:
    """What a backup is taken of: the event, and the ids of the people and accounts it
    involves (empty while they are being collected)."""

    event: Any  # an events.Event (the floor does not import apps)
    people: frozenset[int] = frozenset()
    users: frozenset[int] = frozenset()


#: Ids (one-column rows, as ``values_list("x_id")`` gives them) of people or accounts.
IdQuery = Callable[[Scope], Iterable[tuple[Any]]]


@dataclass(frozen=True, slots=True)
class BackedUp:
    """One model's rows in one role of an event's backup."""

    model: type[models.Model]
    role: Role
    #: The rows of the backup of ``scope.event``.
    rows: Callable[[Scope], models.QuerySet[Any]]
    #: The natural key an import matches on (``shared`` and ``person`` rows).
    key: str = ""
    #: Field → why it is never written (a secret, a right, a credential). A restored row
    #: gets the field's default.
    excluded: Mapping[str, str] = field(default_factory=dict)
    #: What a restored row loses whatever the file says (rights, a proven address).
    on_restore: Callable[[Any], None] | None = None
    #: The label the file uses when it is not the model's own (a model that moved apps).
    file_label: str = ""
    #: Its link to the event is cleared, not cascaded, when the event goes: deleting the
    #: event deletes these rows first (``rows`` of an ``event`` role).
    outlives_event: bool = False


@dataclass(frozen=True, slots=True)
class AppBackup:
    """Everything one app puts in, and keeps out of, an event's backup."""

    #: In insert order: each foreign key points to a model restored before it (the apps
    #: come in ``INSTALLED_APPS`` order, which follows the layers).
    models: tuple[BackedUp, ...] = ()
    #: The people an event involves through this app's rows (registered, hosting, …).
    people: tuple[IdQuery, ...] = ()
    #: The accounts the event's rows point to through this app (who uploaded, decided, …).
    users: tuple[IdQuery, ...] = ()
    #: ``Person`` relations (lookups from a person) that keep a person when an event they
    #: were part of is deleted: they still belong to another event.
    person_links: tuple[str, ...] = ()
    #: Account relations that keep an account when an event it was part of is deleted.
    user_links: tuple[str, ...] = ()
    #: Model label → why the backup leaves it out on purpose.
    left_out: Mapping[str, str] = field(default_factory=dict)
    #: The file's ``refs.unlocks``: the slugs of events this one unlocks, and how a
    #: restore links them back (at most one app declares it).
    unlocks: Unlocks | None = None


@dataclass(frozen=True, slots=True)
class Unlocks:
    """Events whose pathway needs this one: read on export, linked back on import."""

    read: Callable[[Any], Iterable[str]]
    restore: Callable[[Any, list[str]], None]


def event_rows(model: type[models.Model], lookup: str = "event", *,
               outlives_event: bool = False,
               excluded: Mapping[str, str] | None = None) -> BackedUp:
    """The ``event`` rows of ``model`` whose ``lookup`` is the event (``session__event``…)."""
    return BackedUp(model, "event",
                    lambda scope: model._default_manager.filter(**{lookup: scope.event}),
                    outlives_event=outlives_event, excluded=excluded or {})


def owned_rows(model: type[models.Model]) -> BackedUp:
    """A person's own rows of ``model`` (its ``person`` link), for the event's people."""
    return BackedUp(model, "owned",
                    lambda scope: model._default_manager.filter(person__in=scope.people))
