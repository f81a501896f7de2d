"""The community of practice: resources and experience posts for practitioners."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from immerse.learning import access, services
from immerse.learning.forms import PostForm, ResourceForm
from immerse.learning.selectors import community as selectors
from immerse.people.access import my_person


@login_required
def community_home(request: HttpRequest) -> HttpResponse:
    person = my_person(request)
    staff = request.user.is_staff
    if not (staff or access.is_practitioner(person)):
        raise PermissionDenied(_("The community of practice is for practitioners (level 4)."))
    resource_form = ResourceForm(request.POST if request.POST.get("form") == "resource"
                                 else None)
    post_form = PostForm(request.POST if request.POST.get("form") == "post" else None)
    for form, create in ((resource_form, services.resource_create),
                         (post_form, services.experience_post_create)):
        if request.method == "POST" and form.is_bound and form.is_valid():
            data = dict(form.cleaned_data)
            create(person=person, tools=data.pop("tools"), **data)
            return redirect("community")
    return render(request, "learning/community.html", {
        "resources": selectors.resources_listed(), "posts": selectors.experience_posts_listed(),
        "resource_form": resource_form, "post_form": post_form})


@require_safe
def chapters(request: HttpRequest) -> HttpResponse:
    """Regional chapters with their meetups, and series (course paths, discussion series)."""
    return render(request, "learning/chapters.html", {
        "chapters": selectors.chapters_with_events(), "series": selectors.series_with_events()})
