from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "onestory.referrals"
    label = "referrals"
    verbose_name = "Onward referrals"
