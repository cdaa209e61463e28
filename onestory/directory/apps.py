from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "onestory.directory"
    label = "directory"
    verbose_name = "Services directory"
