from django.apps import AppConfig


class BackchannelConfig(AppConfig):
    name = "immerse.backchannel"
    verbose_name = "Backchannel and listening"
