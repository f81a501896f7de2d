from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "immerse.learning"
    verbose_name = "Learning cycle"

    def ready(self) -> None:
        # Every assessment, whichever app records it, keeps a copy of the tool inventory of
        # that moment: reports compare them to tell which tools were adopted.
        from django.db.models.signals import post_save

        from immerse.learning.services import tool_snapshot_on_assessment
        from immerse.people.models import Assessment

        post_save.connect(tool_snapshot_on_assessment, sender=Assessment,
                          dispatch_uid="learning-tool-snapshot")
