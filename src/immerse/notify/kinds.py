"""Every kind of message immerse sends: its label, whether it may be opted out of, and the
placeholders its templates (and an organizer's override) may use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

if TYPE_CHECKING:  # django-stubs' name for "a str or a lazy translation": typing only
    from django_stubs_ext import StrOrPromise

#: Placeholders every message can use.
COMMON_PLACEHOLDERS = ("name", "event_title", "event_url", "site_url")


@dataclass(frozen=True)
class Kind:
    key: str
    label: StrOrPromise  # translated where it is shown
    #: Transactional messages answer something the person did (or must do to finish it):
    #: they cannot be opted out of. Everything else can, per kind.
    transactional: bool
    placeholders: tuple[str, ...] = ()
    #: Placeholders that carry a credential (a link that confirms, logs in, resets, rates
    #: or reads a private calendar as the recipient). Stored apart from the context
    #: (``Message.secrets``) and filled only into the mail handed to SMTP: the outbox, the
    #: in-app list, previews and the admin show them redacted.
    secret: tuple[str, ...] = ()

    @property
    def allowed(self) -> tuple[str, ...]:
        return COMMON_PLACEHOLDERS + self.placeholders


KINDS: tuple[Kind, ...] = (
    Kind("signup_confirm", _("Confirm your sign-up"), True,
         ("confirm_url", "expires_at", "existing", "hold_ends_at", "already_registered"),
         secret=("confirm_url",)),
    Kind("login_link", _("Log-in link"), True,
         ("login_url", "expires_at", "no_password", "password_url"), secret=("login_url",)),
    Kind("password_reset", _("Password reset"), True, ("reset_url", "expires_at"),
         secret=("reset_url",)),
    Kind("registration_confirmed", _("Registration confirmed"), True,
         ("level_label", "explanation", "look_for", "me_url")),
    # by_organizer: the organizers did it (from their registrations page), not the queue.
    Kind("waitlisted", _("On the waiting list"), True, ("position", "me_url", "by_organizer")),
    Kind("promoted", _("Promoted from the waiting list"), True,
         ("level_label", "me_url", "by_organizer")),
    Kind("cancelled", _("Registration cancelled"), True, ("me_url", "signup_url", "by_organizer")),
    # Not checked in by the organizers' announced time: the seat went to someone waiting.
    Kind("seat_released", _("Your seat went to the waiting list"), True,
         ("release_at", "position", "me_url")),
    Kind("agenda_ready", _("Your agenda is ready"), False,
         ("agenda_url", "calendar_url", "items", "changed"), secret=("calendar_url",)),
    Kind("session_moved", _("A session in your agenda moved"), False,
         ("session_title", "agenda_url", "was_room", "was_starts_at", "room", "starts_at")),
    Kind("table_seat", _("Your table"), False,
         ("table", "session_title", "starts_at", "tablemates", "rotation")),
    Kind("reminder", _("Reminder: the event starts tomorrow"), False,
         ("starts_at", "venue", "agenda_url", "first_items")),
    Kind("feedback_request", _("How was the session?"), False,
         ("session_title", "rating_urls", "feedback_url"),
         secret=("rating_urls", "feedback_url")),
    Kind("plan_review_invite", _("Review a take-home plan"), False,
         ("author", "plan_title", "review_url")),
    Kind("plan_review_received", _("A review of your plan"), False,
         ("reviewer", "plan_title", "plan_url")),
    Kind("expert_comment", _("An expert commented on your plan"), False,
         ("expert", "plan_title", "plan_url")),
    Kind("plan_checkin", _("Did step 1 happen?"), False,
         ("plan_title", "first_step", "plan_url", "checkin_url"), secret=("checkin_url",)),
    Kind("reassess_invite", _("Where are you now?"), False,
         ("level_label", "assess_url")),
    Kind("broadcast", _("Message from the organizers"), False, ("subject", "body")),
    # An organizer named them host or expert of a session (the studio's session page).
    Kind("host_invited", _("You host a session"), False,
         ("session_title", "session_url", "starts_at", "room", "login_url")),
    # An organizer invites someone to the event's team (the studio's team page): the link
    # joins the team (and may make a new account), so it is a credential.
    Kind("team_invitation", _("You are invited to an event's team"), True,
         ("role", "invited_by", "accept_url", "expires_at"), secret=("accept_url",)),
    # Open space: a proposal was placed in the program (its host; its voters' agendas).
    Kind("proposal_placed", _("Your open-space session is on the program"), False,
         ("session_title", "starts_at", "room", "agenda_url")),
    Kind("proposal_agenda", _("An open-space session was added to your agenda"), False,
         ("session_title", "starts_at", "room", "agenda_url")),
    # A facilitator proposes a table's notes as a story: each author is asked to consent.
    Kind("table_story_consent", _("May the story name you?"), False,
         ("story_title", "session_title", "table", "consent_url")),
    Kind("questions_waiting", _("Questions waiting for an answer"), False,
         ("count", "oldest_minutes", "dashboard_url")),
)

KIND_BY_KEY: dict[str, Kind] = {kind.key: kind for kind in KINDS}

#: Kinds an organizer may not reword: they carry a credential (a confirmation, log-in or
#: reset link) whose wording must not be changeable into something that hides or fakes it.
NOT_EDITABLE = frozenset({"signup_confirm", "login_link", "password_reset",
                          "team_invitation"})


#: What a redacted credential reads as wherever someone other than the mail's recipient
#: might look (the outbox, the in-app list, the admin).
#: English here (tests and pages compare with it); shown through ``rendering.redaction``.
REDACTED = gettext_noop("[link sent only to the recipient]")


def kind_get(key: str) -> Kind:
    try:
        return KIND_BY_KEY[key]
    except KeyError:
        raise KeyError(f"no message kind {key!r}; known: {', '.join(KIND_BY_KEY)}") from None

#: The one-click ratings of a feedback request (its ``rating_urls``: one link per rating).
RATING_LABELS: dict[int, StrOrPromise] = {
    1: _("Not useful"), 2: _("A little"), 3: _("Useful"), 4: _("Very useful"), 5: _("Excellent")}
