from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "immerse.common"
    label = "common"
    verbose_name = "Background work"

    def ready(self) -> None:
        # The floor's own periodic tasks (the reaper, the queue pruner) register on import;
        # their modules use models, so they can be imported only once the registry is ready.
        from immerse.common import runs, taskqueue  # noqa: F401
