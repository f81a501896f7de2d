"""Reads about people and registrations."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Case,
    Count,
    Exists,
    JSONField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)

from immerse.common.caching import cached_with_one_rebuild
from immerse.engine.inventory import (
    AttendeeRecord,
    RoomInventory,
    public_summary,
    room_inventory,
)
from immerse.engine.languages import translated_into
from immerse.engine.levels import AssessmentError, ToolUse, explanation, is_guess, look_for
from immerse.events.models import Event
from immerse.events.roles import AnyUser
from immerse.people.models import Assessment, Person, Registration, SignupAnswer, ToolSnapshot
from immerse.people.models import ToolUse as ToolUseModel

#: Seated first, then the waiting list, then the cancelled.
STATUS_ORDER = Case(When(status=Registration.Status.CONFIRMED, then=Value(0)),
                    When(status=Registration.Status.WAITLISTED, then=Value(1)), default=Value(2))
#: The level filter's value for registrations without a level yet.
NO_LEVEL = "none"


def registrations_for_organizer(
    *, event: Event, query: str = "", status: str = "", level: str = ""
) -> QuerySet[Registration]:
    """The event's registrations: confirmed, waiting, cancelled, each in queue order.
    ``query`` matches name, e-mail or organization (case-insensitive), ``status`` one of
    Registration.Status, ``level`` "1" to "4" or ``NO_LEVEL``; an unknown status or level
    filters nothing."""
    registrations = Registration.objects.filter(event=event)
    if query.strip():
        words = query.strip()
        registrations = registrations.filter(
            Q(person__name__icontains=words) | Q(person__email__icontains=words)
            | Q(person__organization__icontains=words))
    if status in Registration.Status.values:
        registrations = registrations.filter(status=status)
    if level == NO_LEVEL:
        registrations = registrations.filter(level__isnull=True)
    elif level in {"1", "2", "3", "4"}:
        registrations = registrations.filter(level=int(level))
    return registrations.select_related("person").order_by(STATUS_ORDER, "created_at", "id")


def waitlist_positions(*, event: Event) -> dict[int, int]:
    """Registration id -> 1-based place in the event's waiting list (one query)."""
    ids = Registration.objects.filter(event=event, status=Registration.Status.WAITLISTED)\
        .order_by("created_at", "id").values_list("id", flat=True)
    return {registration_id: place for place, registration_id in enumerate(ids, start=1)}


def waitlist_head(*, event: Event, count: int, passing_over: Iterable[int] = ()
                  ) -> list[Registration]:
    """The first ``count`` people waiting, queue order, other than ``passing_over``: who
    would get the seats that ``count`` cancellations free."""
    if count <= 0:
        return []
    return list(Registration.objects.filter(event=event, status=Registration.Status.WAITLISTED)
                .exclude(pk__in=list(passing_over)).select_related("person")
                .order_by("created_at", "id")[:count])


def person_for_user(user: AnyUser | None) -> Person | None:
    if user is None or not user.is_authenticated:
        return None
    return Person.objects.filter(user=user).first()


def registration_active(*, event: Event, user: AnyUser | None) -> Registration | None:
    """The user's own confirmed or waitlisted registration for ``event``, if any (one query)."""
    if user is None or not user.is_authenticated:
        return None
    return (Registration.objects.select_related("event", "person")
            .filter(event=event, person__user=user)
            .exclude(status=Registration.Status.CANCELLED).first())


def waitlist_position(registration: Registration) -> int | None:
    """1-based place in the queue, or None when not waiting."""
    if registration.status != Registration.Status.WAITLISTED:
        return None
    earlier = Q(created_at__lt=registration.created_at) | Q(
        created_at=registration.created_at, id__lt=registration.id
    )
    ahead = Registration.objects.filter(
        earlier, event=registration.event, status=Registration.Status.WAITLISTED
    ).count()
    return ahead + 1


def tool_inventories(*, person_ids: Iterable[int]) -> dict[int, dict[str, list[Any]]]:
    """Each person's tool inventory as {tool key: [frequency, confidence]} (one query);
    people without entries are left out."""
    inventories: dict[int, dict[str, list[Any]]] = {}
    for person_id, key, frequency, confidence in ToolUseModel.objects.filter(
            person_id__in=list(person_ids)).values_list(
            "person_id", "tool__key", "frequency", "confidence"):
        inventories.setdefault(person_id, {})[key] = [frequency, confidence]
    return inventories


def registrations_of(*, person: Person) -> QuerySet[Registration]:
    return Registration.objects.filter(person=person).select_related("event")


def inventory_records(*, event: Event) -> list[AttendeeRecord]:
    """Confirmed attendees as engine records: two queries whatever the room size."""
    regs = list(
        Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED)
        .select_related("person")
        .only("level", "stories", "problems", "person__id", "person__discipline",
              "person__organization", "person__region")
    )
    uses: dict[int, dict[str, ToolUse]] = {}
    rows = ToolUseModel.objects.filter(person__in=[r.person_id for r in regs]).values_list(
        "person_id", "tool__key", "frequency", "confidence")
    for person_id, key, frequency, confidence in rows:
        uses.setdefault(person_id, {})[key] = ToolUse(frequency, confidence)
    return [
        AttendeeRecord(level=r.level, discipline=r.person.discipline,
                       organization=r.person.organization, region=r.person.region,
                       tool_uses=uses.get(r.person_id, {}), stories=r.stories,
                       problems=r.problems)
        for r in regs
    ]


def level_guesses(*, event: Event) -> dict[int, int]:
    """Confirmed attendees per level whose level is a guess: their latest assessment lacks
    the questionnaire's core answers (an import, the API without answers) and the organizer
    did not place them (a sheet's level column). One query."""
    latest = (Assessment.objects.filter(person=OuterRef("person_id"))
              .order_by("-created_at", "-id"))
    rows = (Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED,
                                        level__isnull=False)
            .annotate(answers=Subquery(latest.values("answers")[:1], output_field=JSONField()),
                      placed=Subquery(latest.values("placed_by_organizer")[:1]))
            .values_list("level", "answers", "placed"))
    guesses: defaultdict[int, int] = defaultdict(int)
    for level, answers, placed in rows:
        if level is not None and not placed and is_guess(answers or {}):  # not None: filtered
            guesses[level] += 1
    return dict(guesses)


def event_inventory(*, event: Event) -> RoomInventory:
    return room_inventory(inventory_records(event=event))


ROOM_SUMMARY_SECONDS = 120


def room_summary(*, event: Event, language: str | None = None) -> list[str]:
    """Anonymous aggregate sentences for the public hub (small counts suppressed), in
    ``language`` (English for one without a grammar module).

    Cached briefly in the shared cache: it reads every registration and tool use, and a
    public aggregate a minute or two old is still true enough. One request at a time
    rebuilds it; the others serve the previous sentences meanwhile.
    """
    written_in = translated_into(language) or "en"
    return cached_with_one_rebuild(
        f"room-summary:{event.pk}:{written_in}",
        lambda: public_summary(event_inventory(event=event), language=written_in),
        ROOM_SUMMARY_SECONDS)


@dataclass(frozen=True)
class RegistrationCounts:
    confirmed: int
    waitlisted: int
    cancelled: int


def registration_counts(*, event: Event) -> RegistrationCounts:
    counts: defaultdict[str, int] = defaultdict(int)
    rows = Registration.objects.filter(event=event).values_list("status").annotate(n=Count("id"))
    for status, n in rows:
        counts[status] = n
    return RegistrationCounts(counts["confirmed"], counts["waitlisted"], counts["cancelled"])


@dataclass(frozen=True)
class Segment:
    """Who an organizer writes to: each criterion empty means "anyone"; tools match people
    who use any of them (tried or more often)."""

    levels: tuple[int, ...] = ()
    statuses: tuple[str, ...] = (Registration.Status.CONFIRMED,)
    tools: tuple[str, ...] = ()
    disciplines: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, list[Any]]:
        return {"levels": list(self.levels), "statuses": list(self.statuses),
                "tools": list(self.tools), "disciplines": list(self.disciplines)}


def segment_registrations(*, event: Event, segment: Segment) -> QuerySet[Registration]:
    """The event's registrations in ``segment``, each person once, with the person."""
    regs = Registration.objects.filter(event=event)
    if segment.statuses:
        regs = regs.filter(status__in=segment.statuses)
    if segment.levels:
        regs = regs.filter(level__in=segment.levels)
    if segment.disciplines:
        regs = regs.filter(person__discipline__in=segment.disciplines)
    if segment.tools:
        regs = regs.filter(Exists(ToolUseModel.objects.filter(
            person_id=OuterRef("person_id"), tool__key__in=segment.tools)
            .exclude(frequency="never")))
    return regs.select_related("person").order_by("id")


def signup_answers(*, event: Event) -> dict[int, dict[int, str]]:
    """{registration id: {question id: the answer as one line}} for ``event`` (one query)."""
    found: dict[int, dict[int, str]] = {}
    for answer in SignupAnswer.objects.filter(registration__event=event).only(
            "registration_id", "question_id", "value"):
        found.setdefault(answer.registration_id, {})[answer.question_id] = answer.text
    return found


def assessment_explanation_shown(*, assessment: Assessment, language: str | None) -> str:
    """The level explanation a reader of ``language`` sees: the engine's, written anew in
    that language from the answers and the tools the assessment kept; the stored words
    where they are not the engine's (an organizer's placement) or in English.

    One query, for the tool snapshot, outside English.
    """
    base = translated_into(language)
    if base is None or assessment.placed_by_organizer:
        return assessment.explanation
    tools = ToolSnapshot.objects.filter(assessment_id=assessment.pk).values_list(
        "tools", flat=True).first() or {}
    uses = {key: ToolUse(freq, conf) for key, (freq, conf) in tools.items()}
    try:
        # The stored words are the engine's only if the engine still says them: else an
        # organizer wrote them (a placement) or the rules changed since; keep them as they are.
        if explanation(answers=assessment.answers, tool_uses=uses) != assessment.explanation:
            return assessment.explanation
        return explanation(answers=assessment.answers, tool_uses=uses, language=base)
    except AssessmentError:
        return assessment.explanation


def assessment_advice_shown(*, assessment: Assessment, language: str | None) -> str:
    """What to look for at the assessment's level, in ``language``: the engine's advice
    written in that language, unless other words were stored (then those, as written)."""
    base = translated_into(language)
    stored = assessment.advice
    if base is None or stored != look_for(assessment.level):
        return stored
    return look_for(assessment.level, language=base)
