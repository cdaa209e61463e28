from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "onestory.access"
    label = "access"
    verbose_name = "Access"
