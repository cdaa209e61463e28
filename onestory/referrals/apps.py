from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "onestory.referrals"
    label = "referrals"
    verbose_name = "Onward referrals"

    def ready(self) -> None:
        # Onward referrals tell their part of the person's timeline.
        from onestory.core import timeline
        from onestory.referrals.timeline import onward_referrals

        timeline.register("onward referrals", onward_referrals, order=40)
