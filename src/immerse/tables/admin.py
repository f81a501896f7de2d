from django.contrib import admin

from immerse.tables.models import TablePlan, TableSeat


@admin.register(TablePlan)
class TablePlanAdmin(admin.ModelAdmin):
    list_display = ["session", "tables", "rotation_round", "objective", "created_at"]
    list_select_related = ["session"]
    readonly_fields = ["objective", "seconds", "violations", "seed"]


@admin.register(TableSeat)
class TableSeatAdmin(admin.ModelAdmin):
    list_display = ["registration", "session", "table", "moved_by_hand"]
    list_filter = ["moved_by_hand"]
    list_select_related = ["registration__person", "session"]
    raw_id_fields = ["registration", "session"]
