"""A person's messages on the site: the list with its unread count, one message, and which
kinds they want by e-mail. Everything queued for their person shows here, sent or not."""

from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from immerse.common.ids import id_parse
from immerse.notify import choices, selectors, services
from immerse.notify.forms import PreferencesForm
from immerse.notify.preview import allow_mail_styles

MESSAGES_PER_PAGE = 25


@require_safe
@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.inbox_of(request.user), MESSAGES_PER_PAGE).get_page(
        request.GET.get("page"))
    return render(request, "notify/inbox.html", {
        "page": page, "rows": selectors.with_subjects(list(page.object_list)),
        "unread": selectors.unread_count(request.user)})


@login_required
@require_POST
def inbox_read(request: HttpRequest) -> HttpResponse:
    """Mark read: one message (``message``) or all of them."""
    one = request.POST.get("message", "")
    # Not an id (junk): nothing to mark, rather than every message.
    ids = None if not one else [number] if (number := id_parse(one)) else []
    services.messages_mark_read(user=request.user, ids=ids)
    return redirect("notify-inbox")


@require_safe
@login_required
def inbox_message(request: HttpRequest, message_id: int) -> HttpResponse:
    message = selectors.inbox_message(request.user, message_id)
    if message is None:
        raise Http404(_("No such message"))
    # Opening one's own message marks it read: idempotent, and only the owner gets here.
    services.messages_mark_read(user=request.user, ids=[message.pk])
    rendered = services.message_rendered(message)
    response = render(request, "notify/message.html",
                      {"message": message, "rendered": rendered, "inbox": True})
    return allow_mail_styles(response, rendered.html)


def _address(request: HttpRequest) -> str:
    """The address the preferences apply to: the person's (or the account's)."""
    person = getattr(request.user, "person", None)  # people sit above notify: no import
    return getattr(person, "email", "") or getattr(request.user, "email", "")


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    email = _address(request)
    if not email:
        return render(request, "notify/preferences.html", {"email": ""})
    form = PreferencesForm(request.POST or None, kinds=selectors.optional_kinds(),
                           current=selectors.preferences_of(email))
    if request.method == "POST" and form.is_valid():
        choices.preferences_save(email=email, opted_out=form.opted_out(),
                                 everything=form.cleaned_data["nothing"])
        flash.success(request, _("Saved: your choices apply to the next messages."))
        return redirect("notify-preferences")
    return render(request, "notify/preferences.html", {"email": email, "form": form})
