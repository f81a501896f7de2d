"""The attendee's own pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from immerse.people import selectors


@login_required
def me(request: HttpRequest) -> HttpResponse:
    person = selectors.person_for_user(request.user)
    context = {
        "person": person,
        "registrations": selectors.registrations_of(person=person) if person else [],
        "assessments": person.assessments.all()[:10] if person else [],
    }
    return render(request, "people/me.html", context)
