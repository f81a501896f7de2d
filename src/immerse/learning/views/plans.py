"""Take-home plans: draft, version, review, expert comments, PDF, check-ins."""

from __future__ import annotations

import difflib
import itertools
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from immerse.common.ids import id_parse
from immerse.events.access import visible_event
from immerse.events.models import Session
from immerse.learning import access, services
from immerse.learning.forms import CheckinForm, CommentForm, InviteForm, PlanForm
from immerse.learning.models import Plan, PlanComment, PlanVersion
from immerse.learning.models.plans import PLAN_FIELDS
from immerse.learning.pdf import plan_pdf
from immerse.learning.selectors.plans import (
    plan_for_page,
    plan_next_event,
    plan_reviewer_choices,
)
from immerse.people.access import my_person
from immerse.people.models import Person
from immerse.people.roles import is_participant


def _plan(request: HttpRequest, plan_id: int) -> Plan:
    try:
        plan = plan_for_page(plan_id=plan_id)
    except Plan.DoesNotExist:
        raise Http404(_("No such plan")) from None
    if not access.can_view_plan(request.user, plan):
        raise Http404(_("No such plan"))
    return plan


def _own(request: HttpRequest, plan: Plan) -> Person:
    person = my_person(request)
    if person is None or person.pk != plan.person_id:
        raise PermissionDenied(_("Only the author can change this plan."))
    return person


def _version_values(version: PlanVersion | None) -> dict[str, Any]:
    if version is None:
        return {}
    return {**{name: getattr(version, name) for name, _ in PLAN_FIELDS}, "tools": version.tools}


@login_required
def plan_new(request: HttpRequest, slug: str) -> HttpResponse:
    event = visible_event(request, slug)
    person = my_person(request)
    if person is None or not is_participant(request.user, event):
        raise PermissionDenied(_("Take part in this event to draft a plan here."))
    session = Session.objects.filter(event=event, pk=id_parse(request.GET.get("session")) or 0
                                     ).first()
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        plan = services.plan_create(person=person, event=event, session=session,
                                    data=form.cleaned_data)
        return redirect("plan-detail", plan_id=plan.pk)
    return render(request, "learning/plan_form.html", {"form": form, "event": event,
                                                       "session": session})


@require_safe
@login_required
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    versions = list(plan.versions.all())
    person = my_person(request)
    is_author = person is not None and person.pk == plan.person_id
    choices = plan_reviewer_choices(plan=plan) if is_author else None
    return render(request, "learning/plan_detail.html", {
        "plan": plan, "version": versions[0] if versions else None,
        "is_author": is_author,
        "edit_form": PlanForm(initial=_version_values(versions[0] if versions else None)),
        "reviewer_choices": choices,
        "invite_form": InviteForm(choices=choices) if choices and choices.people else None,
        "can_review": access.is_plan_reviewer(request.user, plan),
        "can_expert": access.is_plan_expert(request.user, plan),
        "comment_form": CommentForm()})


@login_required
@require_POST
def plan_edit(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    _own(request, plan)
    form = PlanForm(request.POST)
    if form.is_valid():
        version = services.plan_save(plan=plan, data=form.cleaned_data)
        messages.success(request, _("Saved as version %(number)s.") % {"number": version.number})
    else:
        messages.error(request, _("The plan needs a goal."))
    return redirect("plan-detail", plan_id=plan.pk)


def _diff(old: PlanVersion, new: PlanVersion) -> list[dict[str, Any]]:
    changes = []
    for name, label in [*PLAN_FIELDS, ("tools", "Tools")]:
        before, after = getattr(old, name), getattr(new, name)
        if name == "tools":
            before, after = "\n".join(before), "\n".join(after)
        if before != after:
            # ndiff marks each line "- ", "+ " or "  " (and "? " hints, left out).
            kinds = {"- ": "removed", "+ ": "added", "  ": "kept"}
            lines = [{"kind": kinds[line[:2]], "text": line[2:]}
                     for line in difflib.ndiff(before.splitlines(), after.splitlines())
                     if line[:2] in kinds]
            changes.append({"label": label, "lines": lines})
    return changes


@require_safe
@login_required
def plan_history(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    versions = list(plan.versions.all())  # newest first
    rows = [{"version": new, "changes": _diff(old, new)}
            for new, old in itertools.pairwise(versions)]
    if versions:
        rows.append({"version": versions[-1], "changes": []})
    return render(request, "learning/plan_history.html", {"plan": plan, "rows": rows})


@require_safe
@login_required
def plan_pdf_download(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    version = plan.versions.all()[0]
    data = plan_pdf(version=version, person_name=plan.person.name,
                    event_title=plan.event.title if plan.event else "")
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="plan-{plan.pk}.pdf"'
    return response


@login_required
@require_POST
def plan_invite(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    _own(request, plan)
    choices = plan_reviewer_choices(plan=plan)
    form = InviteForm(request.POST, choices=choices)
    offered = {choice.person.pk: choice.person for choice in choices.people}
    reviewer = offered.get(form.cleaned_data["reviewer"]) if form.is_valid() else None
    if reviewer is None:
        messages.error(request, _("Choose someone from the list to invite."))
    else:
        try:
            services.plan_reviewer_invite(plan=plan, reviewer=reviewer)
        except services.LearningError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("%(name)s can now review your plan.")
                             % {"name": reviewer.name})
    return redirect("plan-detail", plan_id=plan.pk)


@login_required
@require_POST
def plan_comment(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    kind = request.POST.get("kind", PlanComment.Kind.REVIEW)
    try:
        services.plan_comment_add(plan=plan, user=request.user, kind=kind,
                                  body=request.POST.get("body", ""))
    except services.LearningError as exc:
        if exc.field is None:  # who may comment: a refusal, not a form mistake
            raise PermissionDenied(str(exc)) from exc
        messages.error(request, str(exc))
    return redirect("plan-detail", plan_id=plan.pk)


@login_required
def plan_checkin(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    person = _own(request, plan)
    version = plan.versions.all()[0]
    event = plan_next_event(person=person, plan=plan)
    form = CheckinForm(request.POST or None, steps=version.steps)
    if request.method == "POST" and form.is_valid():
        for step, status, note in form.answers():
            services.plan_checkin_record(plan=plan, step=step, event=event, status=status,
                                         note=note)
        messages.success(request, _("Check-in saved on your learning path."))
        return redirect("learning-path")
    return render(request, "learning/plan_checkin.html", {"plan": plan, "form": form,
                                                          "event": event})
