"""The first organizers: an account that may create events, and a way in for its owner."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from immerse.events import roles
from immerse.people.models import Person
from immerse.people.services.accounts import login_link_create, person_account


@dataclass(frozen=True)
class OrganizerAdded:
    user: AbstractBaseUser
    created: bool  # a new account (else an existing one was promoted)
    login_url: str  # one-time, expires like a mailed log-in link


def organizer_add(*, email: str, name: str = "") -> OrganizerAdded:
    """Create (or promote) the account of ``email`` so that it may create events, and make a
    one-time log-in link that leads to the organizer's home. Raises ValidationError naming
    the address when it is not one."""
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            _("%(email)r is not an e-mail address.") % {"email": email}) from None
    with transaction.atomic():
        person, created = Person.objects.select_for_update().get_or_create(
            email=email, defaults={"name": name.strip() or email.partition("@")[0]})
        if name.strip() and person.name != name.strip():
            person.name = name.strip()
            person.save(update_fields=["name"])
        # An account made before (say by `manage createsuperuser`) with this address and no
        # person yet is the one promoted, not a second account beside it.
        existing = get_user_model().objects.filter(
            email__iexact=email, person__isnull=True, is_active=True).first()
        had_account = person.user_id is not None or existing is not None
        user = person_account(person=person,
                              requested_by_id=existing.pk if existing else None)
        if not user.is_active:
            user.is_active = True
            user.save(update_fields=["is_active"])
        app_label, codename = roles.CREATE_EVENTS_PERMISSION.split(".")
        user.user_permissions.add(Permission.objects.get(
            content_type__app_label=app_label, codename=codename))
        cache.delete(roles.organizes_cache_key(user.pk))  # "Organize" shows at once
        login_url = login_link_create(person=person, next_path=reverse("organize-home"))
    return OrganizerAdded(user=user, created=created and not had_account, login_url=login_url)
