from django.apps import AppConfig


class MaracConfig(AppConfig):
    name = "onestory.marac"
    label = "marac"
    verbose_name = "MARAC"

    def ready(self) -> None:
        # A new incident anywhere may make a MARAC case a repeat: listen for incidents.
        from onestory.marac import signals

        signals.connect()
