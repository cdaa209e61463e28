from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "onestory.accounts"
    label = "accounts"
    verbose_name = "Staff accounts"

    def ready(self) -> None:
        # Audit receivers for signing in and out.
        from onestory.accounts import signals  # noqa: F401
