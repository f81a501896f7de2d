"""Events, their rooms and time slots, sessions, and who runs them.

Slim models: fields, constraints and small computed properties. Writes live in
``services.py``, reads in ``selectors.py``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from immerse.common import labels
from immerse.common.languages import KNOWN
from immerse.engine.catalogue import EVENT_KINDS, FORMATS


def _validate_levels(value: object) -> None:
    if not isinstance(value, list) or not all(isinstance(v, int) and 1 <= v <= 4 for v in value):
        raise ValidationError(_("target levels must be a list of levels 1-4"))


def _validate_links(value: object) -> None:
    """Links are a list of {"label": …, "url": …} (feeds may add "feed")."""
    if not isinstance(value, list):
        raise ValidationError(_("expected a list of links"))
    for index, item in enumerate(value):
        if not isinstance(item, dict) or not item.get("url"):
            raise ValidationError(_("link %(number)s: needs a url") % {"number": index + 1})
        try:
            URLValidator(schemes=["http", "https"])(item["url"])
        except ValidationError:
            raise ValidationError(_("link %(number)s: %(url)s is not an http(s) URL") % {
                "number": index + 1, "url": repr(item["url"])}) from None


def format_choices() -> list[tuple[str, str]]:
    """The session formats of the catalogue, as Django choices (named in the active
    language when the choices are read)."""
    return [(f.key, labels.format_name(f)) for f in FORMATS]


class Visibility(models.TextChoices):
    """Who sees an event: stored as ``Event.published`` and ``Event.listed``."""

    DRAFT = "draft", _("Draft: only its organizers and staff see it")
    UNLISTED = "unlisted", _("Unlisted: anyone with the link, not on the home page")
    PUBLIC = "public", _("Public: on the home page and in the event list")


class Event(models.Model):
    kind = models.CharField(max_length=20, choices=EVENT_KINDS)
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    tagline = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True)
    start_date = models.DateField()
    end_date = models.DateField()
    time_zone = models.CharField(max_length=64, default="Europe/Amsterdam")
    # Its pages' language for visitors who stored or chose none (before their browser's),
    # and its messages' for people who chose none. Empty: no default.
    language = models.CharField(_("default language"), max_length=8, blank=True,
                                choices=list(KNOWN.items()))
    venue = models.CharField(max_length=200, blank=True)
    region = models.CharField(max_length=100, blank=True)
    capacity = models.PositiveIntegerField(help_text=_("Confirmed seats; beyond it people wait."))
    published = models.BooleanField(default=True, help_text=_("Hub and program are public."))
    # Visibility is two switches so that code asking "published?" keeps its meaning: draft =
    # not published; unlisted = published, reached by its link only; public = published and
    # listed (the home page, the API's list, suggestions).
    listed = models.BooleanField(
        default=True, help_text=_("Shown on the home page and in public lists when published."))
    # Sign-up settings (the studio's set-up page): empty times mean "open now" / "no end".
    signup_opens_at = models.DateTimeField(null=True, blank=True)
    signup_closes_at = models.DateTimeField(null=True, blank=True)
    waiting_list = models.BooleanField(
        default=True, help_text=_("Beyond the capacity people wait; off: sign-up is full."))
    # The social layer, known up front.
    hashtags = models.JSONField(default=list, blank=True, help_text=_('e.g. ["#smimmersion"]'))
    video_uplinks = models.JSONField(default=list, blank=True, validators=[_validate_links])
    blogs = models.JSONField(default=list, blank=True, validators=[_validate_links])
    wiki_url = models.URLField(blank=True)
    organizer_handles = models.JSONField(
        default=list, blank=True,
        help_text=_('Accounts that answer for the organizers, e.g. ["@msmteam"]: the listening '
        "dashboard measures how fast they reply."))
    content_guide = models.TextField(
        blank=True, help_text=_("How and where everyone can create content at this event.")
    )
    # What an imported schedule carried that immerse has no field for (acronym, tracks, …),
    # kept so that an export gives it back.
    external_data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["start_date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="event_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("event-hub", kwargs={"slug": self.slug})

    @property
    def visibility(self) -> Visibility:
        """"draft", "unlisted" or "public" (see ``Visibility``)."""
        if not self.published:
            return Visibility.DRAFT
        return Visibility.PUBLIC if self.listed else Visibility.UNLISTED


class EventRole(models.Model):
    """Organizers and facilitators/experts of one event; attendees come via registrations."""

    class Role(models.TextChoices):
        ORGANIZER = "organizer", _("Organizer")
        FACILITATOR = "facilitator", _("Facilitator / expert")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="roles")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_roles"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    #: When the role was given (None: before this was recorded).
    since = models.DateTimeField(null=True, blank=True, default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "user", "role"], name="unique_event_role")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} of {self.event}"


class Room(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(max_length=120)
    capacity = models.PositiveIntegerField()
    position = models.PositiveIntegerField(default=0)
    accessibility = models.TextField(
        blank=True, help_text=_("Step-free access, hearing loop, quiet corner, …"))
    external_id = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["event", "name"], name="unique_room_name")
        ]

    def __str__(self) -> str:
        return self.name


class TimeSlot(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="slots")
    label = models.CharField(max_length=80, blank=True)
    start = models.DateTimeField()
    end = models.DateTimeField()

    class Meta:
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="slot_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.label or f"{self.start:%a %H:%M}"


class Session(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(max_length=300)
    abstract = models.TextField(blank=True)
    # Callable choices: migrations store the reference, not the list, so a new format is a
    # catalogue entry only (no migration).
    format = models.CharField(max_length=20, choices=format_choices)
    target_levels = models.JSONField(default=list, validators=[_validate_levels])
    topics = models.JSONField(default=list, blank=True)
    tools = models.ManyToManyField("people.Tool", blank=True, related_name="sessions")
    capacity = models.PositiveIntegerField(null=True, blank=True, help_text=_("Empty: room size."))
    room = models.ForeignKey(
        Room, on_delete=models.SET_NULL, null=True, blank=True, related_name="sessions"
    )
    slot = models.ForeignKey(
        TimeSlot, on_delete=models.SET_NULL, null=True, blank=True, related_name="sessions"
    )
    # Facilitators and experts are people, so practitioners from the room can host too.
    facilitators = models.ManyToManyField("people.Person", blank=True, related_name="hosting")
    pitch = models.TextField(blank=True, help_text=_("'This is your session if…'"))
    pitch_edited = models.BooleanField(default=False, help_text=_("Keep the organizer's wording."))
    # The speakers asked not to be recorded: a column, not external_data, because organizers
    # see it on the program and it must survive every schedule import and export.
    do_not_record = models.BooleanField(
        default=False, help_text=_("The speakers asked not to be recorded."))
    external_id = models.CharField(max_length=200, blank=True, db_index=True)
    external_data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["slot__start", "room__position", "title"]
        constraints = [
            # The placement rule: one session per room and slot (studio.services.grid
            # words the refusal; this keeps every other writer honest).
            models.UniqueConstraint(
                fields=["room", "slot"], name="one_session_per_room_and_slot",
                condition=models.Q(room__isnull=False, slot__isnull=False)),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def seats(self) -> int | None:
        if self.capacity is not None:
            return self.capacity
        return self.room.capacity if self.room is not None else None

    @property
    def scheduled_slot(self) -> TimeSlot:
        """The time slot of a session known to be scheduled (read from a query filtered on
        ``slot__isnull=False``); a clear error instead of ``None.start`` otherwise."""
        if self.slot is None:
            raise ValueError(f"Session {self.pk} has no time slot.")
        return self.slot

    @property
    def format_label(self) -> str:
        return labels.format_label(self.format)

    @property
    def level_labels(self) -> list[str]:
        return [labels.level_label(level) for level in sorted(self.target_levels)]
