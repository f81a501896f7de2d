"""An event's sources on the social web: add, pause, resume, remove; listening settings.

``SourceInvalid`` is defined with the kinds' rules (``backchannel.kinds``) and raised here.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from immerse.backchannel.kinds import KIND_BY_KEY, KINDS, PolledKind, SourceInvalid, in_words
from immerse.backchannel.models import ListeningSettings, Source
from immerse.backchannel.secrets import secret_open, secret_rekey, secret_seal
from immerse.backchannel.services.wall import authors_approve_current
from immerse.common.tasks import enqueue
from immerse.events.models import Event


def _clean_url(url: str, *, field: str = "url") -> str:
    url = (url or "").strip()
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise SourceInvalid(_("%(url)s is not an http(s) address") % {"url": repr(url)},
                            field=field) from None
    return url


def _login_sealed(kind: PolledKind, handle: str, app_password: str) -> tuple[str, str]:
    """(handle, sealed secret) for a kind that logs in; refuses a login given to one
    that does not."""
    if kind.login is None:
        if handle or app_password:
            services = in_words([k.login.service for k in KINDS if k.login], last=" and ")
            raise SourceInvalid(_("only %(services)s sources log in")
                                % {"services": services}, field="handle")
        return "", ""
    handle = handle.strip().lstrip("@")
    if not handle or not app_password.strip():
        raise SourceInvalid(_(kind.login.missing), field="handle, app password")
    return handle, secret_seal({"password": app_password.strip()})


@transaction.atomic
def source_add(*, event: Event, kind: str, url: str = "", tag: str = "", handle: str = "",
               app_password: str = "", user: Any = None) -> Source:
    """A new source, polled from its next round; the app password is stored encrypted.

    Raises :class:`SourceInvalid` naming the field for anything that cannot work (an
    address that is not http(s), a Mastodon tag with spaces, Bluesky without a login):
    each kind's rules are its entry in ``backchannel.kinds``.
    """
    polled = KIND_BY_KEY.get(kind)
    if polled is None:
        raise SourceInvalid(_("expected one of %(kinds)s")
                            % {"kinds": ", ".join(KIND_BY_KEY)}, field="kind")
    url = _clean_url(url or polled.default_url)
    try:
        url = polled.clean_url(url)
        tag = polled.clean_tag(" ".join((tag or "").split()))[:200]
    except SourceInvalid as error:  # kinds.py marks its words (no Django there): say them here
        raise SourceInvalid(_(error.message), field=error.field) from None
    handle, secret = _login_sealed(polled, handle, app_password)
    try:
        with transaction.atomic():
            return Source.objects.create(event=event, kind=kind, url=url, tag=tag,
                                         handle=handle[:200], secret=secret, created_by=user,
                                         next_poll_at=timezone.now())
    except IntegrityError:
        raise SourceInvalid(_("this source is already listened to")) from None


def source_credentials_set(*, source: Source, handle: str, app_password: str) -> None:
    """New Bluesky login details (the old session is dropped with them)."""
    if not handle.strip() or not app_password.strip():
        raise SourceInvalid(_("both are needed"), field="handle, app password")
    source.handle = handle.strip().lstrip("@")[:200]
    source.secret = secret_seal({"password": app_password.strip()})
    source.save(update_fields=["handle", "secret"])


def source_set_active(*, source: Source, active: bool) -> None:
    """Pause, or resume (a resumed source is polled in its next round, failures forgotten)."""
    source.active = active
    fields = ["active"]
    if active:
        source.failures, source.next_poll_at = 0, timezone.now()
        fields += ["failures", "next_poll_at"]
    source.save(update_fields=fields)


def source_poll_soon(*, source: Source) -> None:
    """Poll now (in the background), unless the server asked us to wait."""
    now = timezone.now()
    asked_to_wait = bool(source.failures or (source.last_summary or {}).get("wait"))
    if not (asked_to_wait and source.next_poll_at and source.next_poll_at > now):
        Source.objects.filter(pk=source.pk).update(next_poll_at=now)
    transaction.on_commit(lambda: enqueue("listen_poll_source", source.pk))


def source_remove(*, source: Source) -> None:
    """Stop listening there; the posts already stored stay."""
    source.delete()


def settings_update(*, event: Event, **values: Any) -> ListeningSettings:
    """Change some of the event's listening settings (fields of ``ListeningSettings``);
    :class:`SettingsInvalid` names a value out of its bounds, and nothing is changed.

    Turning on "hold new authors" approves the authors already on the wall: they stay,
    and only people who post for the first time from now on wait for a moderator.
    """
    with transaction.atomic():
        choices, _ = ListeningSettings.objects.select_for_update().get_or_create(event=event)
        holding_before = choices.hold_new_authors
        for name, value in values.items():
            setattr(choices, name, value)
        _check_bounds(choices)
        choices.moderation_version += 1
        choices.save()
        if choices.hold_new_authors and not holding_before:
            authors_approve_current(event=event)
    return choices


class SettingsInvalid(ValueError):
    """A listening setting out of its bounds; the message names the field."""


def _check_bounds(choices: ListeningSettings) -> None:
    try:
        choices.full_clean(exclude=["event"])
    except ValidationError as error:
        raise SettingsInvalid("; ".join(f"{field}: {' '.join(messages)}" for field, messages
                                        in error.message_dict.items())) from None


def secrets_rekey() -> tuple[int, list[str]]:
    """Encrypt every stored credential again with the first key; (done, unreadable ones)."""
    done, unreadable = 0, []
    for source in Source.objects.exclude(secret=""):
        try:
            secret_open(source.secret)
            source.secret = secret_rekey(source.secret)
        except ValueError:
            unreadable.append(f"{source.event.slug}: {source.label}")
            continue
        source.save(update_fields=["secret"])
        done += 1
    return done, unreadable
