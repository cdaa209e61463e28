from django.apps import AppConfig


class LinkageConfig(AppConfig):
    name = "onestory.linkage"
    label = "linkage"
    verbose_name = "Record linkage"
