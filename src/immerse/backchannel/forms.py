"""Forms of the listening pages: a source, an upload, the event's listening settings."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from immerse.backchannel.kinds import KINDS, Login, kind_choices
from immerse.backchannel.models import ListeningSettings
from immerse.engine.listening.sources import SOURCES


def _logins() -> list[Login]:
    return [kind.login for kind in KINDS if kind.login]


def _kind_choices() -> list[tuple[str, str]]:
    return [(key, gettext(label)) for key, label in kind_choices()]


def _sentences(texts: list[str]) -> str:
    """The kinds' help sentences (marked in ``backchannel.kinds``) in the reader's language."""
    return " ".join(gettext(text) for text in texts)


_sentences_lazy = lazy(_sentences, str)


class SourceForm(forms.Form):
    """A source of any kind: each field's help says what it means for each kind
    (``backchannel.kinds``)."""

    kind = forms.ChoiceField(choices=_kind_choices, label=_("Where"))
    url = forms.CharField(
        max_length=500, required=False, label=_("Address"),
        help_text=_sentences_lazy([kind.help.form_url for kind in KINDS]))
    tag = forms.CharField(
        max_length=200, required=False, label=_("Hashtag or search"),
        help_text=_sentences_lazy([kind.help.form_tag for kind in KINDS]))
    handle = forms.CharField(
        max_length=200, required=False,
        label=format_lazy(_("{service} handle"),
                          service=" / ".join(login.service for login in _logins())),
        help_text=_sentences_lazy([login.handle_help for login in _logins()]))
    app_password = forms.CharField(
        max_length=200, required=False,
        label=format_lazy(_("{service} app password"),
                          service=" / ".join(login.service for login in _logins())),
        widget=forms.PasswordInput(render_value=False),
        help_text=_sentences_lazy([login.password_help for login in _logins()]))


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Backchannel file"),
                           help_text=_("CSV, JSON, JSON Lines (tweets, toots, Bluesky posts) "
                                       "or an RSS/Atom file."))
    fmt = forms.ChoiceField(label=_("Format"), initial="auto",
                            choices=[("auto", _("Recognise it"))]
                            + [(kind.name, kind.name.upper()) for kind in SOURCES
                               if kind.on_cli])


class SettingsForm(forms.ModelForm):
    class Meta:
        model = ListeningSettings
        fields = ["wall_public", "hold_new_authors", "warned_posts", "margin_before_hours",
                  "margin_after_hours", "question_alert_minutes"]
        labels = {"wall_public": _("The wall is public"),
                  "hold_new_authors": _("Hold posts by new authors for review"),
                  "warned_posts": _("Posts with a content warning"),
                  "margin_before_hours": _("Hours before the first day"),
                  "margin_after_hours": _("Hours after the last day"),
                  "question_alert_minutes": _("Alert after a question waits (minutes)")}
        # The model's help texts, translated (the model's own stay English: no migration).
        help_texts = {
            "wall_public": _("Anyone with the link may open the wall."),
            "hold_new_authors": _("Posts by authors not yet approved wait for a moderator."),
            "margin_before_hours": _("Keep posts from this long before the first day."),
            "margin_after_hours": _("Keep posts until this long after the last day."),
            "question_alert_minutes": _("Alert organizers when a question waits this long.")}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        # Forms that do not show it (older pages, scripts) keep the current choice.
        self.fields["warned_posts"].required = False
        # Empty means the site's default: say which.
        for name, default in (("margin_before_hours", settings.IMMERSE_LISTEN_MARGIN_BEFORE_HOURS),
                              ("margin_after_hours", settings.IMMERSE_LISTEN_MARGIN_AFTER_HOURS),
                              ("question_alert_minutes",
                               settings.IMMERSE_LISTEN_QUESTION_ALERT_MINUTES)):
            self.fields[name].widget.attrs["placeholder"] = (
                gettext("%(default)s (the default)") % {"default": default})

    def clean_warned_posts(self) -> str:
        warned: str = self.cleaned_data.get("warned_posts") or self.instance.warned_posts
        return warned
