from django.contrib import admin

from immerse.events.models import Event, EventRole, Room, Session, TimeSlot


class RoomInline(admin.TabularInline):
    model = Room
    extra = 0


class SlotInline(admin.TabularInline):
    model = TimeSlot
    extra = 0


class RoleInline(admin.TabularInline):
    model = EventRole
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "start_date", "end_date", "capacity", "published"]
    list_filter = ["kind", "published"]
    search_fields = ["title", "slug", "venue"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [RoleInline, RoomInline, SlotInline]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["title", "event", "format", "slot", "room", "capacity"]
    list_filter = ["event", "format"]
    search_fields = ["title", "abstract"]
    list_select_related = ["event", "slot", "room"]
    filter_horizontal = ["tools"]
    autocomplete_fields = ["facilitators"]
