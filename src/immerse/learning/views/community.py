"""The community of practice: resources and experience posts for practitioners."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from immerse.events.models import Event
from immerse.learning import access
from immerse.learning.forms import PostForm, ResourceForm
from immerse.learning.models import Chapter, ExperiencePost, Resource, Series, SeriesEvent


@login_required
def community_home(request: HttpRequest) -> HttpResponse:
    person = access.person_of(request.user)
    staff = request.user.is_staff
    if not (staff or access.is_practitioner(person)):
        raise PermissionDenied("The community of practice is for practitioners (level 4).")
    resource_form = ResourceForm(request.POST if request.POST.get("form") == "resource"
                                 else None)
    post_form = PostForm(request.POST if request.POST.get("form") == "post" else None)
    for form, model in ((resource_form, Resource), (post_form, ExperiencePost)):
        if request.method == "POST" and form.is_bound and form.is_valid():
            data = dict(form.cleaned_data)
            tools = data.pop("tools")
            with transaction.atomic():
                item = model.objects.create(person=person, **data)
                item.tools.set(tools)
            return redirect("community")
    return render(request, "learning/community.html", {
        "resources": Resource.objects.select_related("person").prefetch_related("tools")[:50],
        "posts": ExperiencePost.objects.select_related("person").prefetch_related("tools")[:50],
        "resource_form": resource_form, "post_form": post_form})


@require_safe
def chapters(request: HttpRequest) -> HttpResponse:
    """Regional chapters with their meetups, and series (course paths, discussion series)."""
    published = Event.objects.filter(published=True).order_by("start_date")
    items = SeriesEvent.objects.filter(event__published=True).select_related("event")
    return render(request, "learning/chapters.html", {
        "chapters": Chapter.objects.prefetch_related(Prefetch("events", queryset=published)),
        "series": Series.objects.select_related("chapter").prefetch_related(
            Prefetch("items", queryset=items))})
