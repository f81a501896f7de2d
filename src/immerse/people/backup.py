"""What the people app puts in an event's backup (see ``common.backups``)."""

from __future__ import annotations

from typing import Any

from immerse.common.backups import AppBackup, BackedUp, event_rows, owned_rows
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


def _address_unproven(person: Any) -> None:
    """An address is proven on this site, by its owner, not by a file."""
    person.email_verified_at = None


# Version 1 files name tool snapshots by their old app (old backups restore, new ones read).
_SNAPSHOT_LABEL = "learning.toolsnapshot"

BACKUP = AppBackup(
    models=(
        BackedUp(Tool, "shared", lambda scope: Tool.objects.all(), key="key"),
        BackedUp(Person, "person", lambda scope: Person.objects.filter(pk__in=scope.people),
                 key="email", on_restore=_address_unproven),
        owned_rows(ToolUse),
        event_rows(SignupQuestion),
        # The backup is a download for every co-organizer: no credential goes in. A restored
        # registration gets a new calendar secret when it next needs one.
        event_rows(Registration, excluded={
            "calendar_token": "the secret of the attendee's private calendar address"}),
        event_rows(SignupAnswer, "registration__event"),
        event_rows(SheetUpload),
        BackedUp(Assessment, "owned", lambda scope: Assessment.objects
                 .filter(person__in=scope.people).exclude(event=scope.event)),
        event_rows(Assessment, outlives_event=True),
        BackedUp(ToolSnapshot, "owned", lambda scope: ToolSnapshot.objects
                 .filter(person__in=scope.people).exclude(assessment__event=scope.event),
                 file_label=_SNAPSHOT_LABEL),
        BackedUp(ToolSnapshot, "event", lambda scope: ToolSnapshot.objects
                 .filter(assessment__event=scope.event), file_label=_SNAPSHOT_LABEL),
    ),
    people=(
        lambda scope: Registration.objects.filter(event=scope.event).values_list("person_id"),
        lambda scope: Assessment.objects.filter(event=scope.event).values_list("person_id"),
        # Its staff who are also people (an organizer who signed up elsewhere).
        lambda scope: Person.objects.filter(user__event_roles__event=scope.event)
        .values_list("pk"),
    ),
    users=(
        lambda scope: Person.objects.filter(pk__in=scope.people, user__isnull=False)
        .values_list("user_id"),
        lambda scope: SheetUpload.objects.filter(event=scope.event)
        .values_list("uploaded_by_id"),
    ),
    person_links=("registrations", "user__event_roles"),
    user_links=("person", "api_tokens"),
    left_out={
        "people.apitoken": "an account's API credentials: a secret, and rows of no event",
        "people.pendingsignup": "a sign-up waiting for its address to be confirmed: "
        "transient proof of identity, meaningless on another site",
        "people.loginlink": "a log-in link: a credential made on one site means nothing "
        "on another",
    },
)
