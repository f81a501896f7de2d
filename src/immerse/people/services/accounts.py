"""Accounts of people: a proven address, the account its owner logs in as, one-time log-in
links, and password-reset mail through the outbox.

Most attendees are imported by organizers and never chose a password: a log-in link mailed
to their address is how they get in, and their account is made on first use (with no
password; they may set one later). Requests for a link or a reset answer the same whether
or not the address is known; only a known address is sent anything.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from immerse.common.limits import hourly_budget_take
from immerse.notify.links import LinkInvalid, absolute, signed_url, token_read
from immerse.people.models import LoginLink, Person
from immerse.people.services.notices import notice_login_link, notice_password_reset

#: At most this many log-in or reset mails to one address per hour, whoever asks.
MAILS_PER_HOUR = 5


def person_verified(*, person: Person, now: datetime | None = None) -> None:
    """Record that the owner of ``person.email`` just proved it (the caller saves)."""
    if person.email_verified_at is None:
        person.email_verified_at = now or timezone.now()


def person_account(*, person: Person, requested_by_id: int | None = None) -> User:
    """The account the proven owner of ``person.email`` logs in as, made on first use.

    A logged-in account that asked for the sign-up is linked only if it has no person yet
    and carries the same address; otherwise a new account (user name: the address, no
    password) is made. A person's existing account is never replaced."""
    if person.user is not None:
        return person.user
    User = get_user_model()
    user = None
    if requested_by_id is not None:
        user = User.objects.filter(pk=requested_by_id, is_active=True, person__isnull=True,
                                   email__iexact=person.email).first()
    if user is None:
        username = person.email[:150]
        if User.objects.filter(username__iexact=username).exists():
            username = f"{person.email[:130]}.{person.pk}"
        first, _, last = person.name.partition(" ")
        user = User.objects.create_user(username=username, email=person.email, password=None,
                                        first_name=first[:150], last_name=last[:150])
    person.user = user
    person.save(update_fields=["user"])
    return user


def login_link_request(*, email: str, next_path: str = "") -> None:
    """Mail a one-time log-in link to ``email`` if a person has it; nothing otherwise.
    ``next_path`` (a path on this site) is where the link leads once logged in."""
    email = email.strip().lower()
    person = Person.objects.select_related("user").filter(email=email).first()
    if person is None or not hourly_budget_take("login-mail", email, MAILS_PER_HOUR):
        return
    with transaction.atomic():
        _login_link_send(person, next_path)


def _password_seal(person: Person) -> str:
    """A digest of the account's current password hash ("" with no account or no password
    yet): a log-in link carries the one of the moment it was made, so setting, changing or
    resetting the password (any way: the site, the admin, ``changepassword``) voids every
    link sent before."""
    user = person.user
    password = user.password if user is not None and user.has_usable_password() else ""
    return salted_hmac("immerse.login-link", password).hexdigest()[:20]


def _login_link_send(person: Person, next_path: str = "") -> None:
    link, login_url = _login_link_make(person, next_path)
    no_password = person.user is None or not person.user.has_usable_password()
    notice_login_link(person=person, expires_at=link.expires_at, key=f"login_link:{link.pk}",
                      login_url=login_url, no_password=no_password)


def login_link_create(*, person: Person, next_path: str = "") -> str:
    """A one-time log-in link for ``person``, returned rather than mailed (the command
    line hands it to a new organizer who has no way in yet). Same link, same expiry, seal
    and single use as the mailed one; ``next_path`` is where it leads once logged in."""
    return _login_link_make(person, next_path)[1]


def _login_link_make(person: Person, next_path: str) -> tuple[LoginLink, str]:
    """A stored single-use link and its URL, sealed with the password's state (a password
    set or changed afterwards makes it invalid)."""
    expires_at = timezone.now() + timedelta(minutes=settings.IMMERSE_LOGIN_LINK_MINUTES)
    link = LoginLink.objects.create(person=person, nonce=secrets.token_hex(16),
                                    expires_at=expires_at)
    return link, signed_url("login-link-use", "login",
                            [link.pk, link.nonce, next_path, _password_seal(person)])


def login_link_read(*, token: str) -> tuple[LoginLink, str]:
    """The unused, unexpired link a token names and the path it leads to, or LinkInvalid
    saying why not."""
    payload = token_read(
        "login", token, max_age=timedelta(minutes=settings.IMMERSE_LOGIN_LINK_MINUTES))
    if not isinstance(payload, list) or len(payload) != 4:  # made before the seal
        raise LinkInvalid(_("This log-in link is not valid any more: ask for a new one."))
    link_id, nonce, next_path, seal = payload
    link = (LoginLink.objects.select_related("person__user").filter(pk=link_id, nonce=nonce)
            .first())
    if link is None or link.used_at is not None:
        raise LinkInvalid(_("This log-in link was used already: ask for a new one."))
    if not constant_time_compare(str(seal), _password_seal(link.person)):
        raise LinkInvalid(_("The password changed since this log-in link was sent: "
                          "ask for a new one."))
    if link.expires_at <= timezone.now():
        raise LinkInvalid(_("This log-in link has expired: ask for a new one."))
    return link, next_path


def login_link_use(*, link: LoginLink) -> User:
    """Spend the link (once, however many clicks race) and return the account to log in as."""
    now = timezone.now()
    with transaction.atomic():
        if not LoginLink.objects.filter(pk=link.pk, used_at__isnull=True,
                                        expires_at__gt=now).update(used_at=now):
            raise LinkInvalid(_("This log-in link was used already: ask for a new one."))
        person = link.person
        person_verified(person=person, now=now)
        person.save(update_fields=["email_verified_at"])
        return person_account(person=person)


def login_links_purge(*, now: datetime | None = None) -> int:
    """Delete log-in links past their time, used or not (nothing is left to prove)."""
    return LoginLink.objects.filter(expires_at__lt=now or timezone.now()).delete()[0]


def password_reset_request(*, email: str) -> None:
    """Mail a password-reset link for each active account with this address (Django's
    single-use token); a person with no account yet gets a log-in link instead."""
    email = email.strip().lower()
    User = get_user_model()
    users = {user.pk: user for user in User.objects.filter(email__iexact=email,
                                                           is_active=True)}
    person = Person.objects.select_related("user").filter(email=email).first()
    if person is not None and person.user is not None and person.user.is_active:
        users.setdefault(person.user.pk, person.user)
    if (users or person is not None) \
            and not hourly_budget_take("login-mail", email, MAILS_PER_HOUR):
        return
    with transaction.atomic():
        if not users and person is not None:
            _login_link_send(person)
        expires_at = timezone.now() + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)
        for user in users.values():
            token = default_token_generator.make_token(user)
            url = absolute(reverse("password_reset_confirm", kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": token}))
            owner = person if person is not None and person.user_id == user.pk else None
            notice_password_reset(to_email=email, to_name=owner.name if owner else
                                  user.get_full_name(), person=owner, reset_url=url,
                                  expires_at=expires_at, key=_reset_key(user.pk, token))


def _reset_key(user_id: int, token: str) -> str:
    """One message per reset token, without the token: keys are not secrets."""
    return f"password_reset:{user_id}:{hashlib.sha256(token.encode()).hexdigest()[:24]}"


def password_reset_completed(*, user: User) -> None:
    """A reset link was followed to the end: the address it was mailed to is proven."""
    person = Person.objects.filter(user=user).first()
    if person is not None and person.email.lower() == (user.email or "").lower():
        person_verified(person=person)
        person.save(update_fields=["email_verified_at"])
