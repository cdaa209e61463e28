from django.apps import AppConfig


class MaracConfig(AppConfig):
    name = "onestory.marac"
    label = "marac"
    verbose_name = "MARAC"

    def ready(self) -> None:
        # A new incident anywhere may make a MARAC case a repeat: listen for incidents.
        from onestory.core import timeline
        from onestory.marac import signals
        from onestory.marac.timeline import marac_referrals

        signals.connect()
        # MARAC referrals tell their part of the person's timeline.
        timeline.register("marac", marac_referrals, order=50)
