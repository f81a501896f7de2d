"""An event's team: invitations by e-mail (a signed, single-use, expiring link), accepting
them, changing roles and removing people. An event always keeps one organizer.

Accepting never logs anyone into an account that existed before: the link could have been
read by someone other than its owner (issue 30), so an existing account logs in first, and
only an address with no account gets a NEW one from the link.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission, User
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from immerse.events import roles
from immerse.events.models import Event, EventRole
from immerse.events.services import event_role_grant
from immerse.notify.links import LinkInvalid, signed_url, token_read
from immerse.notify.services import AddressRefused, address_clean, message_queue
from immerse.people.models import Person
from immerse.people.services.accounts import person_account, person_verified
from immerse.studio.models import TeamInvitation
from immerse.studio.services.audit import audit_record

#: How long an invitation's link works.
INVITATION_DAYS = 7
ROLES = (EventRole.Role.ORGANIZER, EventRole.Role.FACILITATOR)


class TeamError(ValueError):
    """A team change refused; ``field`` names the input at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field, self.message = field, message


def _role_label(role: str) -> str:
    return str(EventRole.Role(role).label)


def _role_check(role: str) -> None:
    if role not in ROLES:
        raise TeamError("role", _("The role is one of: %(roles)s.") % {
            "roles": ", ".join(ROLES)})


def member_accounts(event: Event) -> Any:
    """The accounts holding a role on ``event``."""
    return get_user_model().objects.filter(event_roles__event=event).distinct()


# Inviting --------------------------------------------------------------------------------

@transaction.atomic
def invitation_create(*, event: Event, email: str, role: str, by: Any) -> TeamInvitation:
    """Invite ``email`` to ``event``'s team as ``role`` and mail them the link."""
    try:
        email = address_clean(email)
    except AddressRefused:
        raise TeamError("email", _("%(email)r is not an e-mail address.") % {
            "email": email}) from None
    _role_check(role)
    if member_accounts(event).filter(email__iexact=email).exists() or \
            EventRole.objects.filter(event=event, user__person__email=email).exists():
        raise TeamError("email", _("%(email)s is on the team already: change their role "
                                   "below.") % {"email": email})
    pending = TeamInvitation.objects.select_for_update().filter(
        event=event, email=email, accepted_at=None, revoked_at=None,
        expires_at__gt=timezone.now())
    if pending.exists():
        raise TeamError("email", _("%(email)s has an invitation waiting: send it again "
                                   "instead.") % {"email": email})
    invitation = TeamInvitation.objects.create(
        event=event, email=email, role=role, invited_by=by if by.is_authenticated else None,
        nonce=secrets.token_hex(16), expires_at=_expiry())
    _mail(invitation, by)
    audit_record(event=event, actor=by, action="team.invited",
                 summary=_("Invited %(email)s as %(role)s") % {
                     "email": email, "role": _role_label(role)},
                 details={"email": email, "role": role, "invitation": invitation.pk})
    return invitation


def _expiry() -> Any:
    return timezone.now() + timedelta(days=INVITATION_DAYS)


def _mail(invitation: TeamInvitation, by: Any) -> None:
    inviter = getattr(getattr(by, "person", None), "name", "") or by.get_full_name() \
        or by.get_username()
    url = signed_url("studio-team-accept", "team-invitation",
                     [invitation.pk, invitation.nonce])
    message_queue(kind="team_invitation", key=f"team_invitation:{invitation.pk}:"
                  f"{invitation.nonce}", to_email=invitation.email, event=invitation.event,
                  context={"role": _role_label(invitation.role), "invited_by": inviter,
                           "accept_url": url, "expires_at": invitation.expires_at})


@transaction.atomic
def invitation_resend(*, invitation: TeamInvitation, by: Any) -> TeamInvitation:
    """A fresh link (the one mailed before stops working) with a fresh expiry."""
    if invitation.accepted_at is not None or invitation.revoked_at is not None:
        raise TeamError("invitation", _("This invitation was accepted or withdrawn "
                                        "already."))
    invitation.nonce, invitation.expires_at = secrets.token_hex(16), _expiry()
    invitation.save(update_fields=["nonce", "expires_at"])
    _mail(invitation, by)
    audit_record(event=invitation.event, actor=by, action="team.resent",
                 summary=_("Sent the invitation to %(email)s again") % {
                     "email": invitation.email}, details={"invitation": invitation.pk})
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: TeamInvitation, by: Any) -> None:
    if invitation.accepted_at is not None:
        raise TeamError("invitation", _("This invitation was accepted already: remove the "
                                        "person from the team instead."))
    if invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        audit_record(event=invitation.event, actor=by, action="team.revoked",
                     summary=_("Withdrew the invitation of %(email)s") % {
                         "email": invitation.email}, details={"invitation": invitation.pk})


# Accepting -------------------------------------------------------------------------------

def invitation_read(*, token: str) -> TeamInvitation:
    """The pending invitation a link names, or LinkInvalid saying clearly why not."""
    payload = token_read("team-invitation", token,
                         max_age=timedelta(days=INVITATION_DAYS))
    if not isinstance(payload, list) or len(payload) != 2:
        raise LinkInvalid(_("This invitation link is not valid (it may be incomplete)."))
    invitation = TeamInvitation.objects.select_related("event").filter(pk=payload[0]).first()
    if invitation is None:
        raise LinkInvalid(_("This invitation no longer exists."))
    if invitation.accepted_at is not None:
        raise LinkInvalid(_("This invitation was used already. Log in to reach the event."))
    if invitation.revoked_at is not None:
        raise LinkInvalid(_("The organizers withdrew this invitation."))
    if str(payload[1]) != invitation.nonce:
        raise LinkInvalid(_("A newer invitation was sent: use the link in the latest mail."))
    if invitation.expires_at <= timezone.now():
        raise LinkInvalid(_("This invitation has expired: ask the organizers for a new "
                            "one."))
    return invitation


def account_exists(email: str) -> bool:
    """Whether an account has this address already (its owner must log in to accept)."""
    return get_user_model().objects.filter(email__iexact=email).exists() or \
        Person.objects.filter(email=email.lower(), user__isnull=False).exists()


def email_matches(user: User, invitation: TeamInvitation) -> bool:
    person = Person.objects.filter(user=user).first()
    addresses = {(user.email or "").lower(), person.email.lower() if person else ""}
    return invitation.email.lower() in addresses


@dataclass(frozen=True)
class NewAccount:
    name: str
    password: str


@transaction.atomic
def invitation_accept(*, invitation: TeamInvitation, user: User | None,
                      new_account: NewAccount | None = None) -> User:
    """Join the team: as the logged-in ``user`` whose address is the invited one, or (no
    user) as a NEW account made from ``new_account``, never an existing one. Single use,
    however many clicks race. Returns the account that joined."""
    now = timezone.now()
    if not TeamInvitation.objects.filter(pk=invitation.pk, accepted_at=None, revoked_at=None,
                                         expires_at__gt=now).update(accepted_at=now):
        raise LinkInvalid(_("This invitation was used already. Log in to reach the event."))
    if user is not None:
        if not email_matches(user, invitation):
            raise TeamError("email", _("This invitation is for %(email)s, not for the "
                                       "account you are logged in as.") % {
                                           "email": invitation.email})
        account = user
    else:
        account = _new_account(invitation, new_account)
    _role_set(invitation.event, account, invitation.role)
    if invitation.role == EventRole.Role.ORGANIZER:
        may_create_events_grant(account)
    TeamInvitation.objects.filter(pk=invitation.pk).update(accepted_by=account)
    audit_record(event=invitation.event, actor=account, action="team.accepted",
                 summary=_("%(email)s joined the team as %(role)s") % {
                     "email": invitation.email, "role": _role_label(invitation.role)},
                 details={"invitation": invitation.pk, "role": invitation.role})
    return account


def _new_account(invitation: TeamInvitation, details: NewAccount | None) -> User:
    if details is None or not details.name.strip() or not details.password:
        raise TeamError("name", _("Give your name and a password."))
    if account_exists(invitation.email):
        raise TeamError("email", _("An account has this address already: log in first, "
                                   "then open the link again."))
    person, _created = Person.objects.select_for_update().get_or_create(
        email=invitation.email.lower(), defaults={"name": details.name.strip()[:200]})
    person_verified(person=person)  # the mailed link proves the address
    person.save(update_fields=["email_verified_at"])
    account = person_account(person=person)  # made now: the person had no account
    account.set_password(details.password)
    account.save(update_fields=["password"])
    return account


def may_create_events_grant(user: User) -> None:
    """An accepted co-organizer may create events too (as ``immerse organizer add``)."""
    app_label, codename = roles.CREATE_EVENTS_PERMISSION.split(".")
    user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label,
                                                     codename=codename))
    cache.delete(roles.organizes_cache_key(user.pk))


# Roles -----------------------------------------------------------------------------------

def _role_set(event: Event, user: User, role: str) -> None:
    EventRole.objects.filter(event=event, user=user).exclude(role=role).delete()
    event_role_grant(event=event, user=user, role=role)


def _last_organizer(event: Event, user: User) -> bool:
    organizers = EventRole.objects.select_for_update().filter(
        event=event, role=EventRole.Role.ORGANIZER)
    ids = set(organizers.values_list("user_id", flat=True))
    return ids == {user.pk}


def _member(event: Event, user: User) -> None:
    if not EventRole.objects.filter(event=event, user=user).exists():
        raise TeamError("member", _("This person is not on the team."))


@transaction.atomic
def member_role_set(*, event: Event, user: User, role: str, by: Any) -> None:
    """Make ``user`` organizer or facilitator of ``event``; never demote the last
    organizer."""
    _role_check(role)
    _member(event, user)
    if role != EventRole.Role.ORGANIZER and _last_organizer(event, user):
        raise TeamError("role", _("%(name)s is the event's only organizer: make someone "
                                  "else organizer first.") % {"name": display_name(user)})
    _role_set(event, user, role)
    audit_record(event=event, actor=by, action="team.role_changed",
                 summary=_("Made %(name)s %(role)s") % {
                     "name": display_name(user), "role": _role_label(role)},
                 details={"user": user.pk, "role": role})


@transaction.atomic
def member_remove(*, event: Event, user: User, by: Any) -> None:
    """Take ``user`` off ``event``'s team; never the last organizer."""
    _member(event, user)
    if _last_organizer(event, user):
        raise TeamError("member", _("%(name)s is the event's only organizer: make someone "
                                    "else organizer first.") % {"name": display_name(user)})
    EventRole.objects.filter(event=event, user=user).delete()
    cache.delete(roles.organizes_cache_key(user.pk))
    audit_record(event=event, actor=by, action="team.removed",
                 summary=_("Removed %(name)s from the team") % {"name": display_name(user)},
                 details={"user": user.pk})


def display_name(user: User) -> str:
    person = getattr(user, "person", None)
    return (person.name if person else "") or user.get_full_name() or user.get_username()

