from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "onestory.directory"
    label = "directory"
    verbose_name = "Services directory"

    def ready(self) -> None:
        # The free-text address check looks for the names of the refuges kept secret here.
        from onestory.core import free_text
        from onestory.directory.models import secret_place_names

        free_text.register_secret_places(secret_place_names)
