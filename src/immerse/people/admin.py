from django.contrib import admin

from immerse.people.models import Assessment, Person, Registration, Tool, ToolUse


class ToolUseInline(admin.TabularInline):
    model = ToolUse
    extra = 0


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "organization", "discipline", "region", "is_expert"]
    list_filter = ["discipline", "is_expert"]
    search_fields = ["name", "email", "organization"]
    inlines = [ToolUseInline]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["person", "event", "status", "level", "created_at"]
    list_filter = ["event", "status", "level"]
    search_fields = ["person__name", "person__email"]
    list_select_related = ["person", "event"]
    # The private calendar link's secret: only its owner sees it (on their agenda page).
    exclude = ["calendar_token"]


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["person", "event", "level", "created_at"]
    list_filter = ["level"]
    list_select_related = ["person", "event"]


admin.site.register(Tool)
