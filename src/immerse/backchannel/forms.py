"""Forms of the listening pages: a source, an upload, the event's listening settings."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from immerse.backchannel.kinds import KINDS, Login, kind_choices
from immerse.backchannel.models import ListeningSettings
from immerse.engine.listening.sources import SOURCES


def _logins() -> list[Login]:
    return [kind.login for kind in KINDS if kind.login]


class SourceForm(forms.Form):
    """A source of any kind: each field's help says what it means for each kind
    (``backchannel.kinds``)."""

    kind = forms.ChoiceField(choices=kind_choices, label="Where")
    url = forms.CharField(
        max_length=500, required=False, label="Address",
        help_text=" ".join(kind.help.form_url for kind in KINDS))
    tag = forms.CharField(
        max_length=200, required=False, label="Hashtag or search",
        help_text=" ".join(kind.help.form_tag for kind in KINDS))
    handle = forms.CharField(
        max_length=200, required=False,
        label=" / ".join(login.service for login in _logins()) + " handle",
        help_text=" ".join(login.handle_help for login in _logins()))
    app_password = forms.CharField(
        max_length=200, required=False,
        label=" / ".join(login.service for login in _logins()) + " app password",
        widget=forms.PasswordInput(render_value=False),
        help_text=" ".join(login.password_help for login in _logins()))


class UploadForm(forms.Form):
    file = forms.FileField(label="Backchannel file",
                           help_text="CSV, JSON, JSON Lines (tweets, toots, Bluesky posts) "
                           "or an RSS/Atom file.")
    fmt = forms.ChoiceField(label="Format", initial="auto", choices=[("auto", "Recognise it")]
                            + [(kind.name, kind.name.upper()) for kind in SOURCES
                               if kind.on_cli])


class SettingsForm(forms.ModelForm):
    class Meta:
        model = ListeningSettings
        fields = ["wall_public", "hold_new_authors", "warned_posts", "margin_before_hours",
                  "margin_after_hours", "question_alert_minutes"]
        labels = {"wall_public": "The wall is public",
                  "hold_new_authors": "Hold posts by new authors for review",
                  "warned_posts": _("Posts with a content warning"),
                  "margin_before_hours": "Hours before the first day",
                  "margin_after_hours": "Hours after the last day",
                  "question_alert_minutes": "Alert after a question waits (minutes)"}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        # Forms that do not show it (older pages, scripts) keep the current choice.
        self.fields["warned_posts"].required = False
        # Empty means the site's default: say which.
        for name, default in (("margin_before_hours", settings.IMMERSE_LISTEN_MARGIN_BEFORE_HOURS),
                              ("margin_after_hours", settings.IMMERSE_LISTEN_MARGIN_AFTER_HOURS),
                              ("question_alert_minutes",
                               settings.IMMERSE_LISTEN_QUESTION_ALERT_MINUTES)):
            self.fields[name].widget.attrs["placeholder"] = f"{default} (the default)"

    def clean_warned_posts(self) -> str:
        warned: str = self.cleaned_data.get("warned_posts") or self.instance.warned_posts
        return warned
