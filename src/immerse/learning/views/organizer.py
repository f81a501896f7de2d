"""Organizer pages: reports for sponsors, suggested hosts, mentor matching."""

from __future__ import annotations

import orjson
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from immerse.audience.selectors import event_report as audience_report
from immerse.checkin.selectors import attendance_report
from immerse.common.charts import bar_chart
from immerse.common.ids import id_parse
from immerse.events.access import organizer_required
from immerse.events.models import Event, Session
from immerse.learning import services
from immerse.learning.pdf import report_pdf
from immerse.learning.selectors import community, reports
from immerse.people.models import Person


def _report(request: HttpRequest, event: Event) -> reports.EventReport:
    return reports.event_report(event=event, organization=request.GET.get("organization", ""))


def _report_view(request: HttpRequest, event: Event) -> reports.ReportView:
    return reports.report_view(_report(request, event), event=event,
                               today=timezone.localdate())


@require_safe
@organizer_required
def report_page(request: HttpRequest, event: Event) -> HttpResponse:
    view = _report_view(request, event)
    return render(request, "learning/report.html", {
        "event": event, "view": view, "report": view.report,
        "organizations": reports.report_organizations(event=event),
        "levels_chart": bar_chart([(label, now) for label, _, now in view.levels],
                                  title=_("Levels at sign-up and now"),
                                  compare=[signup for _, signup, _ in view.levels],
                                  legend=(_("now"), _("at sign-up"))),
        "movement_chart": bar_chart(view.movement, title=_("Level movement of those who "
                                    "retook the questionnaire")) if view.movement else None,
        "tools_chart": bar_chart(view.tools, title=_("Tools adopted")) if view.tools else None,
        "query": request.GET.urlencode(), "room": audience_report(event=event),
        "attendance": attendance_report(event=event)})


@require_safe
@organizer_required
def report_csv(request: HttpRequest, event: Event) -> HttpResponse:
    response = HttpResponse(reports.report_csv(_report(request, event)),
                            content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="report-{event.slug}.csv"'
    return response


@require_safe
@organizer_required
def report_pdf_download(request: HttpRequest, event: Event) -> HttpResponse:
    data = report_pdf(view=_report_view(request, event), event_title=event.title)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="report-{event.slug}.pdf"'
    return response


@require_safe
@organizer_required
def report_json(request: HttpRequest, event: Event) -> HttpResponse:
    return HttpResponse(orjson.dumps(_report(request, event).as_dict()),
                        content_type="application/json")


@require_safe
@organizer_required
def hosts(request: HttpRequest, event: Event) -> HttpResponse:
    return render(request, "learning/hosts.html", {
        "event": event, "suggestions": community.host_suggestions(event=event)})


@organizer_required
@require_POST
def host_add(request: HttpRequest, event: Event) -> HttpResponse:
    session = get_object_or_404(Session, event=event, pk=id_parse(request.POST.get("session")) or 0)
    candidates = {p.pk: p for p, _ in community.event_people(event=event)[0]}
    person = candidates.get(id_parse(request.POST.get("person")) or 0)
    if person is None:
        raise Http404(_("Not a practitioner of this event"))
    services.session_host_add(session=session, person=person)
    messages.success(request, _("%(name)s now hosts %(session)s.")
                     % {"name": person.name, "session": session.title})
    return redirect("learning-hosts", slug=event.slug)


@organizer_required
def mentors(request: HttpRequest, event: Event) -> HttpResponse:
    result = community.event_mentor_matching(event=event)
    if request.method == "POST":
        count = services.mentorships_save(event=event, result=result)
        messages.success(request, ngettext("%(count)d mentorship saved.",
                                           "%(count)d mentorships saved.", count)
                         % {"count": count})
        return redirect("learning-mentors", slug=event.slug)
    pairs = [(result.persons[mentee], result.persons[mentor], result.matching.fits[mentee])
             for mentee, mentor in result.matching.pairs.items()]
    pairs.sort(key=lambda row: (row[1].name, row[0].name))
    unmatched: list[Person] = [result.persons[key] for key in result.matching.unmatched]
    return render(request, "learning/mentors.html", {
        "event": event, "pairs": pairs, "unmatched": unmatched,
        "total": result.matching.total_fit})
