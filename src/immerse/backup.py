"""Back up one event with everything attached to one JSON file, and restore it all or nothing.

The file is Django's serialization (the ``python`` serializer, written as JSON one object a
line) under a small header. Rows come in four roles (``common.backups.Role``):

- ``shared``: users, tools, chapters, series. Matched on import by their natural key
  (username, tool key, slug) and never overwritten; created when missing.
- ``person``: people, matched by e-mail. An existing person is reused, never duplicated.
- ``owned``: a person's own rows (tool uses, other assessments, tool snapshots, resources,
  experience posts): restored only with a person the import creates.
- ``event``: the event and everything hanging off it: always restored.

What goes in is declared by each app, in its ``backup.py`` (``common.backups.AppBackup``:
its models in insert order, how their rows are found, fields kept out, models left out and
why); this module collects the declarations through the app registry and imports no app's
models but the event's own. Accounts (Django's, not an app of ours) are declared here.

Primary keys are kept when free, so links, calendar URLs and API ids survive a restore into
the same site; a taken key gets a new one and every reference follows. Password hashes are
never written: restored users get unusable passwords and no staff or superuser flag.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import reduce
from importlib import import_module
from operator import or_
from typing import IO, Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections, models, transaction
from django.db.models import Q
from django.utils.module_loading import module_has_submodule

from immerse.common.backups import ROLES, AppBackup, BackedUp, Scope
from immerse.events.models import Event

FORMAT = "immerse-event"
VERSION = 1
User = get_user_model()
USER_FIELDS = ("username", "first_name", "last_name", "email", "is_active", "date_joined")


def _no_rights(user: Any) -> None:
    """A file cannot grant rights: a restored account has no password and no staff flag."""
    user.set_unusable_password()
    user.is_staff = user.is_superuser = False


_ACCOUNTS = AppBackup(
    models=(BackedUp(
        User, "shared", lambda scope: User.objects.filter(pk__in=scope.users), key="username",
        excluded={f.name: "an account carries its names, address, active flag and join date "
                  "only: no password hash, last login, rights or groups"
                  for f in (*User._meta.concrete_fields, *User._meta.many_to_many)
                  if not f.primary_key and f.name not in USER_FIELDS},
        on_restore=_no_rights),),
    left_out={"auth.group": "rights are granted on each site, never by a file",
              "auth.permission": "rights are granted on each site, never by a file"},
)


def _declarations() -> list[AppBackup]:
    """Accounts first, then each app's declaration in ``INSTALLED_APPS`` order (the layers'
    order: an app's rows point only to rows of the apps before it)."""
    found = [_ACCOUNTS]
    for config in apps.get_app_configs():
        if config.name.startswith("immerse.") and module_has_submodule(config.module,
                                                                       "backup"):
            found.append(import_module(f"{config.name}.backup").BACKUP)
    return found


DECLARATIONS = _declarations()
BACKED_UP: list[BackedUp] = [b for d in DECLARATIONS for b in d.models]
# Insert order: every foreign key points to a model earlier in the list.
MODEL_ORDER: list[type[models.Model]] = list(dict.fromkeys(b.model for b in BACKED_UP))
# Models kept out on purpose, each with its reason (a test holds the list complete).
NOT_BACKED_UP: dict[str, str] = {label: why for d in DECLARATIONS
                                 for label, why in d.left_out.items()}
SHARED_KEYS: dict[type[models.Model], str] = {b.model: b.key for b in BACKED_UP if b.key}
# Labels in the file that are not the model's own (a model that moved apps keeps its old
# label in version 1 files, so old backups restore and new ones read the same).
FILE_LABELS: dict[type[models.Model], str] = {b.model: b.file_label for b in BACKED_UP
                                              if b.file_label}
BY_LABEL = {FILE_LABELS.get(m, m._meta.label_lower): m for m in MODEL_ORDER}
RANK = {m: i for i, m in enumerate(MODEL_ORDER)}
_ON_RESTORE = {b.model: b.on_restore for b in BACKED_UP if b.on_restore is not None}
_PERSON = next(b.model for b in BACKED_UP if b.role == "person")
_UNLOCKS = next(d.unlocks for d in DECLARATIONS if d.unlocks)


class BackupError(Exception):
    """A file that cannot be restored; the message names the place. Nothing was written."""


@dataclass
class Part:
    model: type[models.Model]
    rows: models.QuerySet[Any]
    role: str
    excluded: frozenset[str] = frozenset()


@dataclass
class ImportReport:
    event: Event
    created: dict[str, int] = field(default_factory=dict)
    reused: dict[str, int] = field(default_factory=dict)


class _Encoder(DjangoJSONEncoder):
    """Full microseconds (Django's encoder cuts them to milliseconds, which loses data)."""

    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()
        return super().default(o)


def _ids(queries: Iterable[Any], scope: Scope) -> set[int]:
    return {pk for query in queries for (pk,) in query(scope)}


def _people_ids(event: Event) -> set[int]:
    return _ids((q for d in DECLARATIONS for q in d.people), Scope(event))


def _scope(event: Event) -> Scope:
    people = frozenset(_people_ids(event))
    users = _ids((q for d in DECLARATIONS for q in d.users), Scope(event, people))
    return Scope(event, people, frozenset(users))


def event_parts(event: Event) -> list[Part]:
    """Everything the backup of ``event`` holds, in insert order."""
    scope = _scope(event)
    return [Part(b.model, b.rows(scope), b.role, frozenset(b.excluded)) for b in BACKED_UP]


def _related(f: models.Field[Any, Any]) -> type[models.Model]:
    """The model a relation field points to: a class once the app registry is ready (never
    the lazy ``"self"`` or ``None`` the field's type allows)."""
    model = f.related_model
    if not isinstance(model, type):
        raise TypeError(f"{f} is not a resolved relation")
    return model


# --- export -------------------------------------------------------------------------------


def _rows(part: Part) -> Iterator[models.Model]:
    rows = part.rows.order_by("pk").prefetch_related(*(
        models.Prefetch(f.name, queryset=_related(f)._default_manager.only("pk"))
        for f in part.model._meta.many_to_many if f.name not in part.excluded))
    return rows.iterator(chunk_size=2000)


def _written(part: Part) -> list[str] | None:
    """The fields the file holds for ``part``'s rows (None: all of them)."""
    if not part.excluded:
        return None
    meta = part.model._meta
    return [f.name for f in (*meta.concrete_fields, *meta.many_to_many)
            if not f.primary_key and f.name not in part.excluded]


def event_export(*, event: Event, out: IO[str]) -> dict[str, int]:
    """Write the backup of ``event`` to ``out``; returns rows written per model."""
    counts: dict[str, int] = defaultdict(int)
    other_events: set[int] = set()
    out.write(json.dumps({"format": FORMAT, "version": VERSION, "event": event.slug,
                          "exported_at": dt.datetime.now(dt.UTC).isoformat()})[:-1])
    out.write(',\n"objects": [\n')
    first = True
    for part in event_parts(event):
        for row in serializers.serialize("python", _rows(part), fields=_written(part)):
            row["model"] = FILE_LABELS.get(part.model, row["model"])
            row["role"] = part.role
            for target, values in _references(BY_LABEL[row["model"]], row["fields"]):
                if target is Event:
                    other_events.update(v for v in values if v is not None and v != event.pk)
            out.write(("" if first else ",\n") + json.dumps(row, cls=_Encoder))
            first = False
            counts[row["model"]] += 1
    unlocks = _UNLOCKS.read(event) if _UNLOCKS else []
    refs = dict(Event.objects.filter(pk__in=other_events).values_list("pk", "slug"))
    out.write('\n],\n"refs": ' + json.dumps({"events": {str(k): v for k, v in refs.items()},
                                              "unlocks": sorted(unlocks)}))
    out.write("\n}\n")
    return dict(counts)


def _references(model: type[models.Model], values: dict[str, Any]
                ) -> Iterator[tuple[type[models.Model], list[Any]]]:
    for f in model._meta.concrete_fields:
        if f.is_relation and f.name in values:
            yield _related(f), [values[f.name]]
    for f in model._meta.many_to_many:
        if f.name in values:
            yield _related(f), list(values[f.name])


# --- delete -------------------------------------------------------------------------------


@transaction.atomic
def event_delete(*, event: Event) -> dict[str, int]:
    """Delete what a backup of ``event`` holds: its rows, and people and users only it had.

    Shared people, users with other roles, tokens or staff rights, tools, chapters and
    series stay. Rows that merely pointed at the event (an old plan's check-in) lose the link.
    """
    scope = _scope(event)
    for b in BACKED_UP:  # they outlive the event otherwise (SET_NULL)
        if b.outlives_event:
            b.rows(scope).delete()
    event.delete()
    still_linked = reduce(or_, (Q(**{f"{link}__isnull": False})
                                for d in DECLARATIONS for link in d.person_links))
    orphans = list(_PERSON._default_manager.filter(pk__in=scope.people).exclude(still_linked)
                   .values_list("pk", flat=True))
    for b in BACKED_UP:  # a person's own rows go with them
        if b.role == "owned":
            b.model._default_manager.filter(person__in=orphans).delete()
    _PERSON._default_manager.filter(pk__in=orphans).delete()
    gone_users = User.objects.filter(
        pk__in=scope.users, is_staff=False, is_superuser=False,
        **{f"{link}__isnull": True for d in DECLARATIONS for link in d.user_links})
    return {"people": len(orphans), "users": gone_users.delete()[1].get(User._meta.label, 0)}


# --- import -------------------------------------------------------------------------------


def event_import(*, data: bytes | str, source: str = "backup", replace: bool = False
                 ) -> ImportReport:
    """Restore an event from a backup; all or nothing.

    Raises BackupError (naming the place) for a malformed file, another format or version,
    or an existing slug unless ``replace``, which deletes that event first.
    """
    doc = _parse(data, source)
    with transaction.atomic():
        existing = Event.objects.filter(slug=doc["event"]).first()
        if existing is not None:
            if not replace:
                raise BackupError(f"{source}: event {doc['event']!r} already exists; "
                                  "--replace deletes it first")
            event_delete(event=existing)
        return _Restore(doc, source).run()


def _parse(data: bytes | str, source: str) -> dict[str, Any]:
    limit = settings.IMMERSE_MAX_BACKUP_BYTES
    if len(data) > limit:
        raise BackupError(f"{source}: {len(data):,} bytes, more than the {limit:,} a backup "
                          "may have (IMMERSE_MAX_BACKUP_BYTES)")
    try:
        doc = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise BackupError(f"{source}: not JSON ({exc})") from exc
    except RecursionError:
        # A backup is a flat list of rows; only a hostile file nests thousands deep.
        raise BackupError(f"{source}: not an immerse event backup (JSON nested too deeply)"
                          ) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise BackupError(f"{source}: not an immerse event backup "
                          f"(expected \"format\": \"{FORMAT}\" at the top)")
    if doc.get("version") != VERSION:
        raise BackupError(f"{source}: format version {doc.get('version')!r}; this immerse "
                          f"reads version {VERSION}")
    objects, refs = doc.get("objects"), doc.get("refs")
    if not isinstance(doc.get("event"), str) or not isinstance(objects, list) \
            or not isinstance(refs, dict):
        raise BackupError(f"{source}: needs \"event\", \"objects\" and \"refs\"")
    for number, row in enumerate(objects, start=1):
        if not (isinstance(row, dict) and row.get("model") in BY_LABEL
                and row.get("role") in ROLES and isinstance(row.get("fields"), dict)):
            raise BackupError(f"{source}: object {number}: expected a model this backup "
                              f"holds, a role and fields, got {str(row)[:120]}")
    if not (isinstance(refs.get("events", {}), dict)
            and all(k.isdigit() and isinstance(v, str) for k, v in refs["events"].items())
            and isinstance(refs.get("unlocks", []), list)):
        raise BackupError(f"{source}: \"refs\" needs \"events\" as {{\"pk\": \"slug\"}} "
                          "and \"unlocks\" as a list of slugs")
    events = [r for r in objects if r["model"] == "events.event"]
    if len(events) != 1 or events[0]["fields"].get("slug") != doc["event"]:
        raise BackupError(f"{source}: expected exactly one event, {doc['event']!r}")
    return doc


class _Restore:
    def __init__(self, doc: dict[str, Any], source: str) -> None:
        self.doc, self.source = doc, source
        self.maps: dict[type[models.Model], dict[Any, Any]] = defaultdict(dict)
        self.created: dict[type[models.Model], set[Any]] = defaultdict(set)
        self.kept_pks: set[type[models.Model]] = set()
        self.event_refs = {int(k): v for k, v in doc["refs"].get("events", {}).items()}
        self.report = ImportReport(event=Event())

    def run(self) -> ImportReport:
        groups: dict[type[models.Model], list[dict[str, Any]]] = defaultdict(list)
        for row in self.doc["objects"]:
            groups[BY_LABEL[row["model"]]].append(row)
        restored = []
        for model in MODEL_ORDER:
            if groups[model]:
                restored.append((model, self._restore_model(model, groups[model])))
        for model, objects in restored:
            self._restore_links(model, objects)
        if _UNLOCKS:
            _UNLOCKS.restore(self.report.event, self.doc["refs"].get("unlocks", []))
        if self.kept_pks:  # rows inserted with their own keys: move sequences past them
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), list(self.kept_pks)):
                    cursor.execute(sql)
        return self.report

    def _deserialize(self, model: type[models.Model], rows: list[dict[str, Any]]
                     ) -> list[tuple[str, Any]]:
        plain = [{"model": model._meta.label_lower, "pk": r.get("pk"), "fields": r["fields"]}
                 for r in rows]
        try:
            found = list(serializers.deserialize("python", plain, ignorenonexistent=True))
        except (DeserializationError, ValidationError, ObjectDoesNotExist) as exc:
            raise BackupError(f"{self.source}: {model._meta.label_lower}: {exc}") from exc
        return [(r["role"], d) for r, d in zip(rows, found, strict=True)]

    def _restore_model(self, model: type[models.Model], rows: list[dict[str, Any]]
                       ) -> list[tuple[Any, Any]]:
        """Match or insert one model's rows; returns the (deserialized, old pk) pairs kept."""
        found = self._deserialize(model, rows)
        key = SHARED_KEYS.get(model)
        existing: dict[Any, Any] = {}
        if key:
            wanted = [getattr(d.object, key) for _, d in found]
            existing = dict(model._default_manager.filter(**{f"{key}__in": wanted})
                            .values_list(key, "pk"))
        kept, new, label = [], [], model._meta.label_lower
        for role, d in found:
            old = d.object.pk
            # A person's own rows come back only with a person this import creates.
            if role == "owned" and getattr(d.object, "person_id", None) not in self.created[
                    _PERSON]:
                continue
            kept.append((d, old))
            if key and getattr(d.object, key) in existing:
                self.maps[model][old] = existing[getattr(d.object, key)]
                self.report.reused[label] = self.report.reused.get(label, 0) + 1
            else:
                new.append((old, self._remapped(model, d.object, old)))
        self._insert(model, new)
        if model is Event:
            self.report.event = new[0][1]
        return kept

    def _target(self, model: type[models.Model], old: Any) -> Any:
        if old in self.maps[model]:
            return self.maps[model][old]
        if model is Event and old in self.event_refs:  # another event, known by its slug
            found = Event.objects.filter(slug=self.event_refs[old]).values_list("pk", flat=True)
            self.maps[Event][old] = found.first()
            return self.maps[Event][old]
        return None

    def _remapped(self, model: type[models.Model], obj: Any, old: Any) -> Any:
        for f in model._meta.concrete_fields:
            value = getattr(obj, f.attname)
            if not f.is_relation or value is None:
                continue
            target = self._target(_related(f), value)
            if target is None and not f.null:
                raise BackupError(
                    f"{self.source}: {model._meta.label_lower} {old}: {f.name} points to "
                    f"{_related(f)._meta.label_lower} {value}, which the file lacks")
            setattr(obj, f.attname, target)
        if model in _ON_RESTORE:  # what a file cannot give: rights, a proven address
            _ON_RESTORE[model](obj)
        return obj

    def _insert(self, model: type[models.Model], new: list[tuple[Any, Any]]) -> None:
        """Insert with the file's keys where free, new keys elsewhere."""
        wanted = [old for old, _ in new]
        taken: set[Any] = set()
        for start in range(0, len(wanted), 5000):
            taken.update(model._default_manager.filter(pk__in=wanted[start:start + 5000])
                         .values_list("pk", flat=True))
        keep = [obj for old, obj in new if old not in taken]
        fresh = [obj for old, obj in new if old in taken]
        try:
            _raw_insert(model, keep, new_keys=False)
            _raw_insert(model, fresh, new_keys=True)
        except DatabaseError as exc:
            raise BackupError(f"{self.source}: cannot restore "
                              f"{model._meta.label_lower} rows: {exc}") from exc
        if keep:
            self.kept_pks.add(model)
        for old, obj in new:
            self.maps[model][old] = obj.pk
            self.created[model].add(old)
        label = model._meta.label_lower
        self.report.created[label] = self.report.created.get(label, 0) + len(new)

    def _restore_links(self, model: type[models.Model], kept: Iterable[tuple[Any, Any]]
                       ) -> None:
        """Many-to-many rows; on a reused row only links to rows this import created."""
        for f in model._meta.many_to_many:
            through = f.remote_field.through
            assert through is not None  # set on every many-to-many once apps are ready
            source, target = f.m2m_field_name(), f.m2m_reverse_field_name()
            links = []
            for d, old in kept:
                for value in d.m2m_data.get(f.name, []):
                    mapped = self._target(_related(f), value)
                    if mapped is not None and (old in self.created[model]
                                               or value in self.created[_related(f)]):
                        links.append(through(**{f"{source}_id": self.maps[model][old],
                                                f"{target}_id": mapped}))
            through._default_manager.bulk_create(links, batch_size=1000,
                                                 ignore_conflicts=True)


def _raw_insert(model: type[models.Model], objs: list[Any], *, new_keys: bool) -> None:
    """Insert rows as they are, like loaddata's raw saves: no signals, and ``auto_now``
    stamps keep the file's times (``bulk_create`` would stamp "now")."""
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not (new_keys and f.primary_key)]
    if objs and not new_keys:  # the bulk of a restore: one prepared statement, many rows
        db = connections[DEFAULT_DB_ALIAS]  # not the proxy: it costs per value here
        quote = db.ops.quote_name
        sql = (f"INSERT INTO {quote(meta.db_table)} "
               f"({', '.join(quote(f.column) for f in fields)}) "
               f"VALUES ({', '.join(['%s'] * len(fields))})")
        with db.cursor() as cursor:
            cursor.executemany(sql, [
                [f.get_db_prep_save(getattr(obj, f.attname), db) for f in fields]
                for obj in objs])
    batch = 500 if connection.features.can_return_rows_from_bulk_insert else 1
    for start in range(0, len(objs) if new_keys else 0, batch):
        chunk = objs[start:start + batch]
        # QuerySet._insert, loaddata's private path (not in django-stubs)
        rows = model._default_manager._insert(  # type: ignore[attr-defined]
            chunk, fields=fields, raw=True, returning_fields=[meta.pk])
        for obj, (pk,) in zip(chunk, rows, strict=True):
            obj.pk = pk
    for obj in objs:
        obj._state.adding, obj._state.db = False, connection.alias
