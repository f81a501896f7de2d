"""Back up one event with everything attached to one JSON file, and restore it all or nothing.

The file is Django's serialization (the ``python`` serializer, written as JSON one object a
line) under a small header. Rows come in four roles:

- ``shared``: users, tools, chapters, series. Matched on import by their natural key
  (username, tool key, slug) and never overwritten; created when missing.
- ``person``: people, matched by e-mail. An existing person is reused, never duplicated.
- ``owned``: a person's own rows (tool uses, other assessments, tool snapshots, resources,
  experience posts): restored only with a person the import creates.
- ``event``: the event and everything hanging off it: always restored.

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
from typing import IO, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections, models, transaction
from django.db.models import Q

from immerse.backchannel.models import AuthorReview, ListeningSettings, Post, Source, Upload
from immerse.events.models import Event, EventRole, Room, Session, TimeSlot
from immerse.learning.models import (
    Chapter,
    EventPathway,
    ExperiencePost,
    Feedback,
    Mentorship,
    Plan,
    PlanCheckin,
    PlanComment,
    PlanVersion,
    Resource,
    Series,
    SeriesEvent,
    Story,
)
from immerse.people.models import (
    Assessment,
    Person,
    Registration,
    SheetUpload,
    SignupAnswer,
    SignupQuestion,
    Tool,
    ToolSnapshot,
    ToolUse,
)
from immerse.program.models import AgendaItem, AgendaRun, SessionWaitlist, SessionWish
from immerse.tables.models import TablePlan, TableSeat

FORMAT = "immerse-event"
VERSION = 1
User = get_user_model()
USER_FIELDS = ("username", "first_name", "last_name", "email", "is_active", "date_joined")
SHARED_KEYS: dict[type[models.Model], str] = {
    User: "username", Tool: "key", Chapter: "slug", Series: "slug", Person: "email"}
ROLES = ("shared", "person", "owned", "event")
# Insert order: every foreign key points to a model earlier in the list.
MODEL_ORDER: list[type[models.Model]] = [
    User, Tool, Chapter, Series, Event, Person, ToolUse, EventRole, Room, TimeSlot, Session,
    SignupQuestion, Registration, SignupAnswer, SheetUpload, Assessment, ToolSnapshot,
    AgendaRun, AgendaItem, SessionWaitlist, SessionWish, TablePlan, TableSeat, Post, Feedback,
    Story, Plan, PlanVersion, PlanComment, PlanCheckin, Mentorship, SeriesEvent, EventPathway,
    Resource, ExperiencePost, Source, Upload, ListeningSettings, AuthorReview,
]
# Rows of no event: account secrets. Kept out on purpose (a test holds the list complete).
NOT_BACKED_UP = ("people.apitoken", "auth.group", "auth.permission",
                 # Credentials and transient proof of identity: sign-ups waiting for their
                 # link, log-in links. Links made on one site mean nothing on another.
                 "people.pendingsignup", "people.loginlink")
# Labels in the file that are not the model's own: ToolSnapshot moved from learning to
# people, and version 1 files keep naming it as before (old backups restore, new ones read).
FILE_LABELS: dict[type[models.Model], str] = {ToolSnapshot: "learning.toolsnapshot"}
BY_LABEL = {FILE_LABELS.get(m, m._meta.label_lower): m for m in MODEL_ORDER}
RANK = {m: i for i, m in enumerate(MODEL_ORDER)}


class BackupError(Exception):
    """A file that cannot be restored; the message names the place. Nothing was written."""


@dataclass
class Part:
    model: type[models.Model]
    rows: models.QuerySet
    role: str


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


def _people_ids(event: Event) -> set[int]:
    ids: set[int] = set()
    for query in (
        Registration.objects.filter(event=event).values_list("person_id"),
        Session.facilitators.through.objects.filter(session__event=event)
        .values_list("person_id"),
        SessionWish.objects.filter(session__event=event).values_list("person_id"),
        Feedback.objects.filter(session__event=event).values_list("person_id"),
        Plan.objects.filter(event=event).values_list("person_id"),
        Plan.reviewers.through.objects.filter(plan__event=event).values_list("person_id"),
        PlanComment.objects.filter(plan__event=event).values_list("author_id"),
        Mentorship.objects.filter(event=event).values_list("mentor_id"),
        Mentorship.objects.filter(event=event).values_list("mentee_id"),
        Story.objects.filter(event=event, person__isnull=False).values_list("person_id"),
        Assessment.objects.filter(event=event).values_list("person_id"),
        Person.objects.filter(user__event_roles__event=event).values_list("pk"),
    ):
        ids.update(pk for (pk,) in query)
    return ids


def event_parts(event: Event) -> list[Part]:
    """Everything the backup of ``event`` holds, in insert order."""
    people = _people_ids(event)
    user_ids = {pk for (pk,) in Person.objects.filter(pk__in=people, user__isnull=False)
                .values_list("user_id")}
    for query in (EventRole.objects.filter(event=event).values_list("user_id"),
                  AgendaRun.objects.filter(event=event, created_by__isnull=False)
                  .values_list("created_by_id"),
                  SheetUpload.objects.filter(event=event).values_list("uploaded_by_id"),
                  # Listening: who set up a source, uploaded a file, decided on an author.
                  Source.objects.filter(event=event, created_by__isnull=False)
                  .values_list("created_by_id"),
                  Upload.objects.filter(event=event, uploaded_by__isnull=False)
                  .values_list("uploaded_by_id"),
                  AuthorReview.objects.filter(event=event, decided_by__isnull=False)
                  .values_list("decided_by_id")):
        user_ids.update(pk for (pk,) in query)
    series = Series.objects.filter(items__event=event)
    parts = [
        Part(User, User.objects.filter(pk__in=user_ids), "shared"),
        Part(Tool, Tool.objects.all(), "shared"),
        Part(Chapter, Chapter.objects.filter(
            Q(events=event) | Q(pk__in=series.values("chapter_id"))).distinct(), "shared"),
        Part(Series, series, "shared"),
        Part(Event, Event.objects.filter(pk=event.pk), "event"),
        Part(Person, Person.objects.filter(pk__in=people), "person"),
        Part(ToolUse, ToolUse.objects.filter(person__in=people), "owned"),
        Part(Assessment, Assessment.objects.filter(person__in=people)
             .exclude(event=event), "owned"),
        Part(ToolSnapshot, ToolSnapshot.objects.filter(person__in=people)
             .exclude(assessment__event=event), "owned"),
        Part(Resource, Resource.objects.filter(person__in=people), "owned"),
        Part(ExperiencePost, ExperiencePost.objects.filter(person__in=people), "owned"),
        Part(Assessment, Assessment.objects.filter(event=event), "event"),
        Part(ToolSnapshot, ToolSnapshot.objects.filter(assessment__event=event), "event"),
    ]
    for model, lookup in (
        (EventRole, "event"), (Room, "event"), (TimeSlot, "event"), (Session, "event"),
        (SignupQuestion, "event"), (Registration, "event"),
        (SignupAnswer, "registration__event"), (SheetUpload, "event"), (AgendaRun, "event"),
        (AgendaItem, "registration__event"), (SessionWaitlist, "registration__event"),
        (SessionWish, "session__event"), (TablePlan, "session__event"),
        (TableSeat, "session__event"), (Post, "event"), (Feedback, "session__event"),
        (Story, "event"), (Plan, "event"), (PlanVersion, "plan__event"),
        (PlanComment, "plan__event"), (PlanCheckin, "plan__event"), (Mentorship, "event"),
        (SeriesEvent, "event"), (EventPathway, "event"), (Source, "event"),
        (Upload, "event"), (ListeningSettings, "event"), (AuthorReview, "event"),
    ):
        parts.append(Part(model, model.objects.filter(**{lookup: event}), "event"))
    return sorted(parts, key=lambda part: RANK[part.model])


# --- export -------------------------------------------------------------------------------


def _rows(part: Part) -> Iterator[models.Model]:
    rows = part.rows.order_by("pk")
    if part.model is not User:  # a user's groups and permissions are not exported
        rows = rows.prefetch_related(*(
            models.Prefetch(f.name, queryset=f.related_model.objects.only("pk"))
            for f in part.model._meta.many_to_many))
    return rows.iterator(chunk_size=2000)


def event_export(*, event: Event, out: IO[str]) -> dict[str, int]:
    """Write the backup of ``event`` to ``out``; returns rows written per model."""
    counts: dict[str, int] = defaultdict(int)
    other_events: set[int] = set()
    out.write(json.dumps({"format": FORMAT, "version": VERSION, "event": event.slug,
                          "exported_at": dt.datetime.now(dt.UTC).isoformat()})[:-1])
    out.write(',\n"objects": [\n')
    first = True
    for part in event_parts(event):
        fields = USER_FIELDS if part.model is User else None
        for row in serializers.serialize("python", _rows(part), fields=fields):
            row["model"] = FILE_LABELS.get(part.model, row["model"])
            row["role"] = part.role
            for target, values in _references(BY_LABEL[row["model"]], row["fields"]):
                if target is Event:
                    other_events.update(v for v in values if v is not None and v != event.pk)
            out.write(("" if first else ",\n") + json.dumps(row, cls=_Encoder))
            first = False
            counts[row["model"]] += 1
    unlocks = EventPathway.objects.filter(prerequisites=event).values_list("event__slug",
                                                                           flat=True)
    refs = dict(Event.objects.filter(pk__in=other_events).values_list("pk", "slug"))
    out.write('\n],\n"refs": ' + json.dumps({"events": {str(k): v for k, v in refs.items()},
                                              "unlocks": sorted(unlocks)}))
    out.write("\n}\n")
    return dict(counts)


def _references(model: type[models.Model], values: dict[str, Any]
                ) -> Iterator[tuple[type[models.Model], list[Any]]]:
    for f in model._meta.concrete_fields:
        if f.is_relation and f.name in values:
            yield f.related_model, [values[f.name]]
    for f in model._meta.many_to_many:
        if f.name in values:
            yield f.related_model, list(values[f.name])


# --- delete -------------------------------------------------------------------------------


@transaction.atomic
def event_delete(*, event: Event) -> dict[str, int]:
    """Delete what a backup of ``event`` holds: its rows, and people and users only it had.

    Shared people, users with other roles, tokens or staff rights, tools, chapters and
    series stay. Rows that merely pointed at the event (an old plan's check-in) lose the link.
    """
    people = _people_ids(event)
    users = {pk for (pk,) in event_parts(event)[0].rows.values_list("pk")}
    for model in (Story, Plan, Assessment):  # they outlive the event otherwise (SET_NULL)
        model.objects.filter(event=event).delete()
    event.delete()
    still_linked = (Q(registrations__isnull=False) | Q(hosting__isnull=False)
                    | Q(wishes__isnull=False) | Q(feedback__isnull=False)
                    | Q(plans__isnull=False) | Q(plan_comments__isnull=False)
                    | Q(plans_to_review__isnull=False) | Q(mentoring__isnull=False)
                    | Q(mentors__isnull=False) | Q(user__event_roles__isnull=False))
    orphans = list(Person.objects.filter(pk__in=people).exclude(still_linked)
                   .values_list("pk", flat=True))
    Resource.objects.filter(person__in=orphans).delete()
    ExperiencePost.objects.filter(person__in=orphans).delete()
    Person.objects.filter(pk__in=orphans).delete()
    gone_users = User.objects.filter(pk__in=users, is_staff=False, is_superuser=False,
                                     person__isnull=True, event_roles__isnull=True,
                                     api_tokens__isnull=True)
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
        for slug in self.doc["refs"].get("unlocks", []):
            for pathway in EventPathway.objects.filter(event__slug=slug):
                pathway.prerequisites.add(self.report.event)
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
            if role == "owned" and getattr(d.object, "person_id", None) not in self.created[Person]:
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
            target = self._target(f.related_model, value)
            if target is None and not f.null:
                raise BackupError(
                    f"{self.source}: {model._meta.label_lower} {old}: {f.name} points to "
                    f"{f.related_model._meta.label_lower} {value}, which the file lacks")
            setattr(obj, f.attname, target)
        if model is User:
            obj.set_unusable_password()
            obj.is_staff = obj.is_superuser = False
        if model is Person:  # an address is proven on this site, by its owner, not by a file
            obj.email_verified_at = None
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
            source, target = f.m2m_field_name(), f.m2m_reverse_field_name()
            links = []
            for d, old in kept:
                for value in d.m2m_data.get(f.name, []):
                    mapped = self._target(f.related_model, value)
                    if mapped is not None and (old in self.created[model]
                                               or value in self.created[f.related_model]):
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
        rows = model._default_manager._insert(chunk, fields=fields, raw=True,
                                              returning_fields=[meta.pk])
        for obj, (pk,) in zip(chunk, rows, strict=True):
            obj.pk = pk
    for obj in objs:
        obj._state.adding, obj._state.db = False, connection.alias
