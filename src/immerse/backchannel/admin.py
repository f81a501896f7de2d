from django.contrib import admin

from immerse.backchannel.models import AuthorReview, ListeningSettings, Post, Source, Upload


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["author", "event", "source", "created_at", "sentiment", "is_question",
                    "hidden", "pinned"]
    list_filter = ["event", "source", "sentiment", "is_question", "hidden", "pinned"]
    search_fields = ["author", "text"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["event", "kind", "url", "tag", "active", "failures", "last_error",
                    "last_success_at", "posts_added"]
    list_filter = ["kind", "active"]
    # The encrypted credentials never show, not even as ciphertext; the state is the
    # poller's bookkeeping.
    exclude = ["secret"]
    readonly_fields = ["state", "lease_until", "last_summary", "posts_added"]


@admin.register(Upload)
class UploadAdmin(admin.ModelAdmin):
    list_display = ["filename", "event", "fmt", "status", "created_at", "finished_at"]
    list_filter = ["status"]
    exclude = ["data"]
    readonly_fields = ["report"]


admin.site.register(ListeningSettings)


@admin.register(AuthorReview)
class AuthorReviewAdmin(admin.ModelAdmin):
    list_display = ["author", "source", "event", "decision", "decided_at"]
    list_filter = ["decision", "source"]
