from django.apps import AppConfig


class EncompassConfig(AppConfig):
    name = "onestory.encompass"
    label = "encompass"
    verbose_name = "Operation Encompass"
