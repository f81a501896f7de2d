from django.apps import AppConfig

from immerse.common.waiting import waiting_register


class AudienceConfig(AppConfig):
    name = "immerse.audience"

    def ready(self) -> None:
        # The listening dashboard (below this app) counts the room's questions waiting
        # through the registry on the common floor.
        from immerse.audience.selectors import questions_waiting

        waiting_register("room", questions_waiting)
