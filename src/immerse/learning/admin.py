from django.contrib import admin

from immerse.learning.models import (
    Chapter,
    EventPathway,
    ExperiencePost,
    Feedback,
    Mentorship,
    Plan,
    PlanComment,
    PlanVersion,
    Resource,
    Series,
    SeriesEvent,
    Story,
)
from immerse.learning.services import story_search_text


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "event", "privacy", "level"]
    list_filter = ["kind", "privacy", "level"]
    search_fields = ["title", "body", "context"]
    list_select_related = ["event"]
    # Saving here bypasses services.story_save; keep search text in step through it.
    readonly_fields = ["search_text"]

    def save_related(self, request, form, formsets, change):  # type: ignore[no-untyped-def]
        super().save_related(request, form, formsets, change)
        story = form.instance
        story.search_text = story_search_text(story=story, tools=story.tools.all())
        story.save(update_fields=["search_text"])


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["session", "person", "rating", "level", "created_at"]
    list_select_related = ["session", "person"]


class PlanVersionInline(admin.TabularInline):
    model = PlanVersion
    extra = 0
    readonly_fields = ("number", "goal", "step_1", "step_2", "step_3", "created_at")
    fields = readonly_fields


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["goal", "person", "event", "updated_at"]
    list_select_related = ["person", "event"]
    inlines = [PlanVersionInline]


class SeriesEventInline(admin.TabularInline):
    model = SeriesEvent
    extra = 1


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "chapter"]
    inlines = [SeriesEventInline]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Chapter)
class ChapterAdmin(admin.ModelAdmin):
    list_display = ["name", "region", "cadence"]
    prepopulated_fields = {"slug": ["name"]}


admin.site.register(EventPathway)
admin.site.register(PlanComment)
admin.site.register(Resource)
admin.site.register(ExperiencePost)
admin.site.register(Mentorship)
