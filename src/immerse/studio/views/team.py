"""The team page: who organizes and facilitates the event, pending invitations, and the
page an invitation's link opens. Every change is a service in studio.services.team."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from immerse.events.access import organizer_page
from immerse.events.models import Event, EventRole
from immerse.notify.links import LinkInvalid
from immerse.studio.forms.team import InviteForm, JoinForm, RoleForm
from immerse.studio.models import TeamInvitation
from immerse.studio.services import team
from immerse.studio.services.team import NewAccount, TeamError

BACKEND = "django.contrib.auth.backends.ModelBackend"


def _members(event: Event) -> list[dict[str, object]]:
    rows = (EventRole.objects.filter(event=event).select_related("user__person")
            .order_by("role", "user__username"))
    return [{"user": row.user, "name": team.display_name(row.user),
             "email": row.user.email or getattr(getattr(row.user, "person", None),
                                                "email", ""),
             "role": row.role, "role_label": row.get_role_display(), "since": row.since}
            for row in rows]


@require_http_methods(["GET", "HEAD", "POST"])
@organizer_page
def team_page(request: HttpRequest, event: Event) -> HttpResponse:
    """The team and its pending invitations; the form invites someone."""
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = team.invitation_create(event=event, by=request.user,
                                                **form.cleaned_data)
        except TeamError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {
                "email": invitation.email})
            return redirect("studio-team", event.slug)
    pending = (TeamInvitation.objects.filter(event=event, accepted_at=None, revoked_at=None)
               .select_related("invited_by__person"))
    return render(request, "studio/team.html", {
        "event": event, "here": "team", "form": form, "members": _members(event),
        "pending": pending, "now": timezone.now(), "role_form": RoleForm()})


@require_POST
@organizer_page
def team_member(request: HttpRequest, event: Event, user_id: int) -> HttpResponse:
    """Change a member's role (``action=role``) or remove them (``action=remove``)."""
    user = get_object_or_404(get_user_model(), pk=user_id, event_roles__event=event)
    try:
        if request.POST.get("action") == "remove":
            team.member_remove(event=event, user=user, by=request.user)
            messages.success(request, _("%(name)s is no longer on the team.") % {
                "name": team.display_name(user)})
        else:
            form = RoleForm(request.POST)
            if not form.is_valid():
                raise TeamError("role", _("Choose a role."))
            team.member_role_set(event=event, user=user, role=form.cleaned_data["role"],
                                 by=request.user)
            messages.success(request, _("%(name)s's role is changed.") % {
                "name": team.display_name(user)})
    except TeamError as error:
        messages.error(request, error.message)
    if user == request.user and not EventRole.objects.filter(
            event=event, user=user, role=EventRole.Role.ORGANIZER).exists() \
            and not request.user.is_staff:
        return redirect("organize-home")  # they demoted or removed themselves
    return redirect("studio-team", event.slug)


@require_POST
@organizer_page
def team_invitation(request: HttpRequest, event: Event, invitation_id: int) -> HttpResponse:
    """Send a pending invitation again (``action=resend``) or withdraw it (``revoke``)."""
    invitation = get_object_or_404(TeamInvitation, event=event, pk=invitation_id)
    try:
        if request.POST.get("action") == "revoke":
            team.invitation_revoke(invitation=invitation, by=request.user)
            messages.success(request, _("The invitation of %(email)s is withdrawn.") % {
                "email": invitation.email})
        else:
            team.invitation_resend(invitation=invitation, by=request.user)
            messages.success(request, _("Invitation sent to %(email)s again.") % {
                "email": invitation.email})
    except TeamError as error:
        messages.error(request, error.message)
    return redirect("studio-team", event.slug)


@require_http_methods(["GET", "HEAD", "POST"])
def team_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The invitation's link. Only the POST acts (a mail scanner following the link must
    not spend it). A logged-in account with the invited address joins at once; an address
    with no account makes a NEW one here; an existing account logs in first."""
    try:
        invitation = team.invitation_read(token=token)
    except LinkInvalid as error:
        return render(request, "studio/team_accept.html", {"problem": str(error)}, status=410)
    context: dict[str, object] = {"invitation": invitation, "event": invitation.event,
                                  "role": EventRole.Role(invitation.role).label}
    user = request.user if isinstance(request.user, User) and request.user.is_authenticated \
        else None
    if user is not None:
        if not team.email_matches(user, invitation):
            return render(request, "studio/team_accept.html", {**context, "mismatch": True})
        if request.method == "POST":
            return _accepted(request, invitation, user, None)
        return render(request, "studio/team_accept.html", {**context, "join": True})
    if team.account_exists(invitation.email):
        return render(request, "studio/team_accept.html", {**context, "log_in": True})
    form = JoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return _accepted(request, invitation, None, NewAccount(
            name=form.cleaned_data["name"], password=form.cleaned_data["password"]))
    return render(request, "studio/team_accept.html", {**context, "form": form})


def _accepted(request: HttpRequest, invitation: TeamInvitation, user: User | None,
              details: NewAccount | None) -> HttpResponse:
    try:
        account = team.invitation_accept(invitation=invitation, user=user,
                                         new_account=details)
    except LinkInvalid as error:
        return render(request, "studio/team_accept.html", {"problem": str(error)}, status=410)
    except TeamError as error:
        return render(request, "studio/team_accept.html", {"problem": error.message},
                      status=409)
    if user is None:  # a NEW account, made by this acceptance: nobody else's
        login(request, account, backend=BACKEND)
    messages.success(request, _("Welcome to the team of %(title)s.") % {
        "title": invitation.event.title})
    if invitation.role == EventRole.Role.ORGANIZER:
        return redirect("event-organize", invitation.event.slug)
    return redirect("event-hub", invitation.event.slug)
