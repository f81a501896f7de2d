"""Who came: an event check-in per registration, attendance per session, and the event's
no-show release time."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CheckIn(models.Model):
    """A registration's arrival at the event: one row at most (a replay changes nothing)."""

    class How(models.TextChoices):
        CODE = "code", _("Code scanned or typed")
        LIST = "list", _("Found by name")
        DOOR = "door", _("Self check-in at a door")
        API = "api", _("API")

    registration = models.OneToOneField("people.Registration", on_delete=models.CASCADE,
                                        related_name="checkin")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                           blank=True, related_name="+")
    how = models.CharField(max_length=8, choices=How.choices)
    # Live counts read its latest change (common.live.rows_version).
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.registration_id} checked in at {self.at:%Y-%m-%d %H:%M}"


class Attendance(models.Model):
    """A registration was in a session's room (scanned the door, or staff said so)."""

    registration = models.ForeignKey("people.Registration", on_delete=models.CASCADE,
                                     related_name="attendances")
    session = models.ForeignKey("events.Session", on_delete=models.CASCADE,
                                related_name="attendances")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                           blank=True, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["registration", "session"],
                                               name="one_attendance_per_session")]

    def __str__(self) -> str:
        return f"{self.registration_id} in session {self.session_id}"


class CheckinSettings(models.Model):
    """Per event: when seats of confirmed people not checked in go to the waiting list."""

    event = models.OneToOneField("events.Event", on_delete=models.CASCADE,
                                 related_name="checkin_settings")
    release_at = models.DateTimeField(
        null=True, blank=True,
        help_text=_("Seats of people not checked in by then go to the waiting list."))
    #: Set when the release ran, so the periodic task does it once.
    released_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"check-in settings of {self.event_id}"
