"""Request types for views."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest


class AuthedRequest(HttpRequest):
    """A request whose user is logged in: the type of views behind ``login_required`` or
    ``organizer_required`` (django-stubs types ``request.user`` as possibly anonymous)."""

    user: User
