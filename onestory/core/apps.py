from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "onestory.core"
    label = "core"
    verbose_name = "OneStory"
