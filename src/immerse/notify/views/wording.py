"""An organizer's wording of each message kind for their event, with a preview."""

from __future__ import annotations

from django.contrib import messages as flash
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from immerse.events.access import organizer_required
from immerse.events.models import Event
from immerse.notify import choices, selectors
from immerse.notify.forms import TemplateForm
from immerse.notify.kinds import KIND_BY_KEY, NOT_EDITABLE
from immerse.notify.models import MessageTemplate
from immerse.notify.preview import allow_mail_styles
from immerse.notify.rendering import message_render
from immerse.notify.samples import sample_message, starter_wording


@require_safe
@organizer_required
def templates(request: HttpRequest, event: Event) -> HttpResponse:
    custom = selectors.templates_of(event)
    return render(request, "notify/templates.html", {
        "event": event, "kinds": [(kind, custom.get(kind.key))
                                  for kind in selectors.editable_kinds()]})


@organizer_required
def template_edit(request: HttpRequest, event: Event, kind: str) -> HttpResponse:
    if kind not in KIND_BY_KEY or kind in NOT_EDITABLE:
        raise Http404(_("No such message kind to reword"))
    current = selectors.templates_of(event).get(kind)
    action = request.POST.get("action", "")
    if request.method == "POST" and action == "reset":
        choices.template_reset(event=event, kind=kind)
        flash.success(request, _("Back to the default wording."))
        return redirect("notify-templates", slug=event.slug)
    subject, body = (current.subject, current.body) if current else starter_wording(kind)
    form = TemplateForm(request.POST or None, kind=kind,
                        initial={"subject": subject, "body": body})
    rendered = None
    if request.method == "POST" and form.is_valid():
        if action == "save":
            choices.template_save(event=event, kind=kind, user=request.user,
                                  subject=form.cleaned_data["subject"],
                                  body=form.cleaned_data["body"])
            flash.success(request, _("Saved: the next messages of this kind use your wording."))
            return redirect("notify-templates", slug=event.slug)
        override = MessageTemplate(event=event, kind=kind, subject=form.cleaned_data["subject"],
                                   body=form.cleaned_data["body"])
        rendered = message_render(sample_message(kind, event), override=override)
    elif request.method == "GET":
        rendered = message_render(sample_message(kind, event), override=current)
    response = render(request, "notify/template_edit.html", {
        "event": event, "kind": KIND_BY_KEY[kind], "form": form, "current": current,
        "rendered": rendered})
    return allow_mail_styles(response, rendered.html) if rendered else response
