"""Sample messages for previews: the organizer's template editor and `immerse mail preview`.

A sample is an unsaved Message with the same context shape the kind's trigger stores,
filled from the event's own program where it has one, so a preview reads like the real mail.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.urls import reverse

from immerse.events.models import Event, Session
from immerse.notify.kinds import RATING_LABELS, kind_get
from immerse.notify.links import absolute
from immerse.notify.models import Message
from immerse.notify.services import jsonable

SAMPLE_NAME = "Ann Example"
SAMPLE_EMAIL = "ann@example.org"


def _sessions(event: Event) -> list[Session]:
    return list(Session.objects.filter(event=event, slot__isnull=False)
                .select_related("slot", "room").order_by("slot__start", "id")[:3])


def _start(event: Event, sessions: list[Session]) -> datetime:
    if sessions:
        return sessions[0].slot.start  # type: ignore[union-attr]
    return datetime.combine(event.start_date, time(9), tzinfo=ZoneInfo(event.time_zone))


def _items(sessions: list[Session], start: datetime) -> list[dict[str, Any]]:
    if not sessions:
        return [{"title": "Stories from people who started", "starts_at": start,
                 "room": "Main room", "reason": "at your level: eye-opener"}]
    return [{"title": s.title, "starts_at": s.slot.start,  # type: ignore[union-attr]
             "room": s.room.name if s.room else "", "reason": "at your level"}
            for s in sessions]


def sample_context(kind: str, event: Event) -> dict[str, Any]:
    """Placeholder values for ``kind`` as its trigger would store them for ``event``."""
    sessions = _sessions(event)
    start = _start(event, sessions)
    hub = absolute(event.get_absolute_url())
    agenda = absolute(reverse("my-agenda", kwargs={"slug": event.slug}))
    plan_url = absolute("/me/plans/1/")
    title = sessions[0].title if sessions else "Stories from people who started"
    samples: dict[str, dict[str, Any]] = {
        "signup_confirm": {"confirm_url": hub + "confirm/sample/", "existing": False,
                           "expires_at": start},
        "login_link": {"login_url": absolute("/accounts/login/sample/"), "expires_at": start},
        "password_reset": {"reset_url": absolute("/accounts/reset/sample/")},
        "registration_confirmed": {"level_label": "Baby steps", "me_url": absolute("/me/"),
                                   "explanation": "You have tried a few tools.",
                                   "look_for": "Strategy talks and workshops."},
        "waitlisted": {"position": 3, "me_url": absolute("/me/")},
        "promoted": {"level_label": "Baby steps", "me_url": absolute("/me/")},
        "cancelled": {"me_url": absolute("/me/")},
        "seat_released": {"release_at": start, "position": 1, "me_url": absolute("/me/")},
        "agenda_ready": {"agenda_url": agenda, "calendar_url": absolute("/calendar/sample.ics"),
                         "items": _items(sessions, start), "changed": False},
        "session_moved": {"session_title": title, "agenda_url": agenda,
                          "was_room": "Main room", "was_starts_at": start,
                          "room": "Room B", "starts_at": start + timedelta(hours=2)},
        "table_seat": {"table": 4, "session_title": title, "starts_at": start,
                       "tablemates": ["Bram de Vries", "Chen Li", "Dana Okafor"],
                       "rotation": []},
        "reminder": {"starts_at": start, "venue": event.venue, "agenda_url": agenda,
                     "first_items": _items(sessions, start)},
        "feedback_request": {
            "session_title": title, "feedback_url": absolute("/feedback/sample/"),
            "rating_urls": [{"rating": n, "label": str(label),
                             "url": absolute(f"/feedback/sample/?rating={n}")}
                            for n, label in RATING_LABELS.items()]},
        "plan_review_invite": {"author": "Bram de Vries", "plan_title": "Listen first",
                               "review_url": plan_url},
        "plan_review_received": {"reviewer": "Chen Li", "plan_title": "Listen first",
                                 "plan_url": plan_url},
        "expert_comment": {"expert": "Marta Kowalczyk", "plan_title": "Listen first",
                           "plan_url": plan_url},
        "plan_checkin": {"plan_title": "Listen first", "plan_url": plan_url,
                         "first_step": "Follow ten customers' blogs for a month.",
                         "checkin_url": absolute("/plans/checkin/sample/")},
        "reassess_invite": {"level_label": "Baby steps",
                            "assess_url": absolute(reverse("reassess"))},
        "broadcast": {"subject": f"News from {event.title}",
                      "body": "The doors open at 8:30. Bring your phone."},
        "host_invited": {"session_title": title, "session_url": hub, "starts_at": start,
                         "room": "Main hall", "login_url": absolute(reverse("login-link"))},
        "team_invitation": {"role": "Organizer", "invited_by": "Ana Organizer",
                            "accept_url": absolute("/organize/team/join/sample/"),
                            "expires_at": start},
        "proposal_placed": {"session_title": title, "starts_at": start, "room": "Main hall",
                            "agenda_url": hub},
        "proposal_agenda": {"session_title": title, "starts_at": start, "room": "Main hall",
                            "agenda_url": hub},
        "table_story_consent": {"story_title": "What our table learned", "table": 2,
                                "session_title": title, "consent_url": hub},
        "questions_waiting": {"count": 4, "oldest_minutes": 12, "dashboard_url": hub},
    }
    kind_get(kind)
    return samples.get(kind, {})


def sample_message(kind: str, event: Event) -> Message:
    """An unsaved message of ``kind`` for ``event`` to a sample person."""
    start = _start(event, _sessions(event))
    return Message(kind=kind, event=event, to_name=SAMPLE_NAME, to_email=SAMPLE_EMAIL,
                   context=jsonable(sample_context(kind, event)), key="sample",
                   created_at=start - timedelta(days=1))


#: An organizer's first draft of a kind (the defaults are templates with loops, which an
#: organizer's wording cannot use): plain text with the kind's placeholders.
STARTERS: dict[str, tuple[str, str]] = {
    "agenda_ready": ("Your agenda for {{ event_title }}",
                     "Your personal agenda is ready:\n\n{{ items }}\n\n"
                     "See it, swap a session or confirm it: {{ agenda_url }}\n"
                     "Your calendar link: {{ calendar_url }}"),
    "session_moved": ("{{ session_title }} has moved",
                      "{{ session_title }}, in your agenda, has moved: it was in {{ was_room }} "
                      "at {{ was_starts_at }}; it is now in {{ room }} at {{ starts_at }}.\n\n"
                      "Your agenda: {{ agenda_url }}"),
    "table_seat": ("Your table for {{ session_title }}",
                   "You sit at table {{ table }} for {{ session_title }} ({{ starts_at }}).\n\n"
                   "At your table: {{ tablemates }}"),
    "reminder": ("Tomorrow: {{ event_title }}",
                 "{{ event_title }} starts tomorrow, {{ starts_at }}, at {{ venue }}.\n\n"
                 "Your first sessions:\n{{ first_items }}\n\nYour agenda: {{ agenda_url }}"),
    "feedback_request": ("How was {{ session_title }}?",
                         "How was {{ session_title }}? One click records your rating:\n\n"
                         "{{ rating_urls }}\n\nSay more: {{ feedback_url }}"),
    "proposal_placed": ("Your session {{ session_title }} is at {{ starts_at }}",
                        "Your open-space session {{ session_title }} is on the program: "
                        "{{ starts_at }}, {{ room }}.\n\nYour agenda: {{ agenda_url }}"),
    "table_story_consent": ("May the story {{ story_title }} name you?",
                            "The notes of table {{ table }} of {{ session_title }} may become "
                            "the story {{ story_title }}. Should it name you? {{ consent_url }}"),
    "proposal_agenda": ("{{ session_title }} was added to your agenda",
                        "You voted for {{ session_title }}: it is on your agenda, "
                        "{{ starts_at }}, {{ room }}.\n\nYour agenda: {{ agenda_url }}"),
    "plan_review_invite": ("{{ author }} asks you to review a plan",
                           "{{ author }} asks you to review their plan "
                           "\"{{ plan_title }}\": {{ review_url }}"),
    "plan_review_received": ("A review of your plan",
                             "{{ reviewer }} reviewed \"{{ plan_title }}\": {{ plan_url }}"),
    "expert_comment": ("An expert commented on your plan",
                       "{{ expert }} commented on \"{{ plan_title }}\": {{ plan_url }}"),
    "plan_checkin": ("Did step 1 happen?",
                     "Your plan \"{{ plan_title }}\" began with: {{ first_step }}\n\n"
                     "Did it happen? {{ checkin_url }}"),
    "reassess_invite": ("Where are you now?",
                        "When you came to {{ event_title }}, your level was {{ level_label }}. "
                        "Where are you now? {{ assess_url }}"),
    "broadcast": ("{{ subject }}", "{{ body }}"),
}


def starter_wording(kind: str) -> tuple[str, str]:
    """A subject and body to start from: the kind's starter, or its placeholders listed."""
    if kind in STARTERS:
        return STARTERS[kind]
    found = kind_get(kind)
    return str(found.label), "\n".join(f"{{{{ {name} }}}}" for name in found.placeholders)


def broadcast_preview(*, event: Event, subject: str, body: str, to_name: str = "",
                      to_email: str = "") -> Message:
    """An unsaved broadcast as one recipient (or the sample person) would get it."""
    return Message(kind="broadcast", event=event, to_name=to_name or SAMPLE_NAME,
                   to_email=to_email or SAMPLE_EMAIL, key="preview",
                   context={"subject": subject, "body": body})
