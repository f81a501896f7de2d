"""One-click unsubscribe (RFC 8058): the signed link is the credential."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from immerse.notify.kinds import KIND_BY_KEY
from immerse.notify.links import LinkInvalid, token_read
from immerse.notify.services import suppression_add


@csrf_exempt  # mail clients POST "List-Unsubscribe=One-Click" with no session or CSRF token
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        email, kind = token_read("unsubscribe", token, max_age=None)
    except LinkInvalid as exc:
        return render(request, "notify/unsubscribe.html", {"error": str(exc)}, status=400)
    label = KIND_BY_KEY[kind].label if kind in KIND_BY_KEY else _("all optional messages")
    if request.method == "POST":
        every = request.POST.get("scope") == "all"
        suppression_add(email=email, kind="" if every else kind)
        return render(request, "notify/unsubscribe.html",
                      {"done": True, "email": email,
                       "label": _("all optional messages") if every else label})
    return render(request, "notify/unsubscribe.html",
                  {"email": email, "label": label, "token": token})
