"""Views of proving who one is: confirming a sign-up, one-time log-in links, and Django's
password reset and change flows (their mail sent through the outbox).

Every link from a mail opens a page with one button: mail scanners that follow links
must not spend a single-use link or log anyone in, so only the POST acts.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from immerse.common.http import AuthedRequest
from immerse.common.limits import limited
from immerse.events.access import visible_event
from immerse.notify.links import LinkInvalid
from immerse.people.forms import EmailForm, OutboxPasswordResetForm
from immerse.people.services.accounts import (
    login_link_read,
    login_link_request,
    login_link_use,
    password_reset_completed,
)
from immerse.people.services.identity import (
    SignupLinkUsed,
    signup_confirm,
    signup_owner,
    signup_pending_read,
)
from immerse.people.services.signup import SignupData

BACKEND = "django.contrib.auth.backends.ModelBackend"
GET_OR_POST = require_http_methods(["GET", "HEAD", "POST"])


def _link_problem(request: HttpRequest, error: str, *, used: bool = False) -> HttpResponse:
    return render(request, "people/link_problem.html", {"error": error, "used": used},
                  status=410 if used else 400)


def _safe_next(request: HttpRequest, path: str) -> str:
    """A path on this site, or "" (never an open redirect to another site)."""
    ok = url_has_allowed_host_and_scheme(path, allowed_hosts={request.get_host()},
                                         require_https=request.is_secure())
    return path[:300] if ok and path.startswith("/") else ""


# --- sign-up confirmation ------------------------------------------------------------------

@require_safe
def signup_sent(request: HttpRequest, slug: str) -> HttpResponse:
    """The same page for every address: whether it is known is never told."""
    return render(request, "people/signup_sent.html", {
        "event": visible_event(request, slug),
        "hold_minutes": settings.IMMERSE_SIGNUP_HOLD_MINUTES,
        "link_hours": settings.IMMERSE_SIGNUP_LINK_HOURS})


@GET_OR_POST
def signup_confirm_page(request: HttpRequest, token: str) -> HttpResponse:
    try:
        pending = signup_pending_read(token=token)
    except SignupLinkUsed as exc:
        return _link_problem(request, str(exc), used=True)
    except LinkInvalid as exc:
        return _link_problem(request, str(exc))
    owner = signup_owner(pending)
    if request.method == "POST":
        try:
            result = signup_confirm(pending=pending)
        except SignupLinkUsed as exc:
            return _link_problem(request, str(exc), used=True)
        messages.success(request, _("Your sign-up for %(title)s is confirmed.")
                         % {"title": pending.event.title})
        if result.user is not None:  # an account this confirmation made: nobody else's
            login(request, result.user, backend=BACKEND)
        elif result.registration.person.user_id != getattr(request.user, "pk", None):
            # A known address: the link confirms, it does not log in (see identity.py).
            messages.info(request, _("Log in to see your place: ask for a log-in link "
                                     "or use your password."))
            return redirect(f"{reverse('login-link')}?next="
                            + reverse("my-registration", kwargs={"slug": pending.event.slug}))
        return redirect("my-registration", slug=pending.event.slug)
    return render(request, "people/signup_confirm.html", {
        "pending": pending, "event": pending.event, "owner": owner,
        "held": pending.held_until is not None and pending.held_until > timezone.now(),
        "data": SignupData.from_payload(pending.payload)})


# --- log-in links ----------------------------------------------------------------------------

@limited("login-link", "LOGIN_RATE", keys=("ip", "post:email"),
         what=gettext_lazy("Too many log-in link requests"))
@GET_OR_POST
def login_link(request: HttpRequest) -> HttpResponse:
    form = EmailForm(request.POST or None)
    next_path = _safe_next(request, request.POST.get("next") or request.GET.get("next", ""))
    if request.method == "POST" and form.is_valid():
        login_link_request(email=form.cleaned_data["email"], next_path=next_path)
        return redirect("login-link-sent")
    return render(request, "people/login_link.html", {"form": form, "next": next_path})


@require_safe
def login_link_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "people/login_link_sent.html",
                  {"minutes": settings.IMMERSE_LOGIN_LINK_MINUTES})


@GET_OR_POST
def login_link_page(request: HttpRequest, token: str) -> HttpResponse:
    try:
        link, next_path = login_link_read(token=token)
        if request.method == "POST":
            login(request, login_link_use(link=link), backend=BACKEND)
            return redirect(_safe_next(request, next_path) or "me")
    except LinkInvalid as exc:
        return _link_problem(request, str(exc))
    return render(request, "people/login_link_use.html", {"person": link.person})


# --- passwords: Django's flows, our pages and outbox -----------------------------------------

password_reset = limited("password-reset", "LOGIN_RATE", keys=("ip", "post:email"),
                         what=gettext_lazy("Too many password reset requests"))(
    auth_views.PasswordResetView.as_view(form_class=OutboxPasswordResetForm))


class PasswordResetConfirm(auth_views.PasswordResetConfirmView):
    """Django's page; a completed reset also proves the address and logs in."""

    post_reset_login = True
    post_reset_login_backend = BACKEND

    def form_valid(self, form: Form) -> HttpResponse:
        response = super().form_valid(form)
        password_reset_completed(user=self.user)
        return response


password_reset_confirm = limited("password-set", "LOGIN_RATE", keys=("ip",),
                                 what=gettext_lazy("Too many password changes"))(
    PasswordResetConfirm.as_view())


@limited("password-change", "LOGIN_RATE", keys=("ip",),
         what=gettext_lazy("Too many password changes"))
@login_required
@GET_OR_POST
def password_change(request: AuthedRequest) -> HttpResponse:
    """Change a password, or choose a first one (accounts made by a link have none)."""
    has_password = request.user.has_usable_password()
    form_class = PasswordChangeForm if has_password else SetPasswordForm
    form = form_class(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        update_session_auth_hash(request, form.user)
        return redirect("password_change_done")
    return render(request, "registration/password_change_form.html",
                  {"form": form, "has_password": has_password})


password_change_done = auth_views.PasswordChangeDoneView.as_view()
password_reset_sent = auth_views.PasswordResetDoneView.as_view()
password_reset_complete = auth_views.PasswordResetCompleteView.as_view()
