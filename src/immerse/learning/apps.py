from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "immerse.learning"
    verbose_name = "Learning cycle"
