from django.apps import AppConfig


class HarmConfig(AppConfig):
    name = "onestory.harm"
    label = "harm"
    verbose_name = "Work with people who use harm"
