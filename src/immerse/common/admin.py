"""Background runs and the scheduler's lease in the admin, for whoever operates the site."""

from django.contrib import admin

from immerse.common.models import Lease, ScheduledTask, TaskRun


@admin.register(TaskRun)
class TaskRunAdmin(admin.ModelAdmin):
    list_display = ("id", "task", "status", "progress", "attempts", "heartbeat_at",
                    "created_at", "finished_at")
    list_filter = ("task", "status")
    readonly_fields = ("heartbeat_at", "started_at", "finished_at", "request_id")


@admin.register(Lease)
class LeaseAdmin(admin.ModelAdmin):
    list_display = ("name", "holder", "expires_at")


@admin.register(ScheduledTask)
class ScheduledTaskAdmin(admin.ModelAdmin):
    list_display = ("name", "last_sent_at")
