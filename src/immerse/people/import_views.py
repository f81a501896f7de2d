"""Organizers upload a sign-up sheet, see what would change, then import it (or not)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from immerse.engine.formats.signup_sheet import SheetError, read_signup_sheet
from immerse.events.access import organizer_required
from immerse.events.models import Event
from immerse.people.importing import ImportRefused, attendees_import
from immerse.people.models import SheetUpload


@organizer_required
def upload(request: HttpRequest, event: Event) -> HttpResponse:
    context: dict[str, object] = {"event": event,
                                  "max_mb": settings.IMMERSE_MAX_UPLOAD_BYTES // 2**20}
    if request.method == "POST":
        sheet_file = request.FILES.get("sheet")
        if sheet_file is None:
            context["error"] = "Choose a CSV or XLSX file."
        elif sheet_file.size > settings.IMMERSE_MAX_UPLOAD_BYTES:
            context["error"] = f"{sheet_file.name} is larger than {context['max_mb']} MB."
        else:
            data = sheet_file.read()
            try:
                sheet = read_signup_sheet(data, source=sheet_file.name)
                report = attendees_import(event=event, sheet=sheet, dry_run=True)
            except SheetError as exc:
                context["error"] = str(exc)
            except ImportRefused as exc:
                context["problems"] = exc.problems
            else:
                SheetUpload.objects.filter(event=event, uploaded_by=request.user).delete()
                pending = SheetUpload.objects.create(event=event, uploaded_by=request.user,
                                                     filename=sheet_file.name[:200], data=data)
                context.update(report=report, pending=pending)
    return render(request, "people/import.html", context)


@organizer_required
def confirm(request: HttpRequest, event: Event, upload_id: int) -> HttpResponse:
    pending = get_object_or_404(SheetUpload, pk=upload_id, event=event,
                                uploaded_by=request.user)
    if request.method != "POST":
        return redirect("event-import", slug=event.slug)
    sheet = read_signup_sheet(bytes(pending.data), source=pending.filename)
    try:
        report = attendees_import(event=event, sheet=sheet)
    except ImportRefused as exc:  # the event changed since the preview
        return render(request, "people/import.html", {"event": event,
                                                      "problems": exc.problems})
    pending.delete()
    messages.success(request, f"Imported {pending.filename}: " + "; ".join(report.lines()[1:3]))
    return redirect("event-inventory", slug=event.slug)
