"""The page for an account that has no attendee profile yet."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def no_profile(request: HttpRequest, heading: str, reason: str) -> HttpResponse:
    """An account with no attendee profile (an organizer, say) reached a page of the path:
    say why it is empty and where it starts, rather than a dead end."""
    return render(request, "learning/no_profile.html", {"heading": heading, "reason": reason})
