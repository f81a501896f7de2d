"""The program's records in the admin, read-mostly: planning runs write them, not people."""

from django.contrib import admin
from django.http import HttpRequest

from immerse.program.models import AgendaItem, AgendaRun, SessionWish


@admin.register(AgendaRun)
class AgendaRunAdmin(admin.ModelAdmin):
    list_display = ["id", "event", "status", "progress", "objective", "seconds", "created_at"]
    list_filter = ["status", "event"]
    list_select_related = ["event"]
    readonly_fields = [f.name for f in AgendaRun._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # runs start from the planning page, the API or the CLI


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ["registration", "session", "source", "confirmed", "run"]
    list_filter = ["source", "confirmed", "session__event"]
    list_select_related = ["registration__person", "session", "run"]
    search_fields = ["registration__person__name", "session__title"]
    raw_id_fields = ["registration", "session", "run"]
    readonly_fields = ["reason", "source", "run", "created_at"]


@admin.register(SessionWish)
class SessionWishAdmin(admin.ModelAdmin):
    list_display = ["person", "session", "created_at"]
    list_filter = ["session__event"]
    list_select_related = ["person", "session"]
    search_fields = ["person__name", "session__title"]
    raw_id_fields = ["person", "session"]
    readonly_fields = ["created_at"]
