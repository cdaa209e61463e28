from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "onestory.records"
    label = "records"
    verbose_name = "Person records"
