from django.contrib import admin

from immerse.learning.models import Feedback, Story


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "event", "privacy", "level"]
    list_filter = ["kind", "privacy", "level"]
    search_fields = ["title", "body", "context"]


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["session", "person", "rating", "created_at"]
    list_select_related = ["session", "person"]
