from django.contrib import admin

from immerse.backchannel.models import Post


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["author", "event", "source", "created_at", "sentiment", "is_question"]
    list_filter = ["event", "source", "sentiment", "is_question"]
    search_fields = ["author", "text"]
