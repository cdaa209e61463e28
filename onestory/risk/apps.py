from django.apps import AppConfig


class RiskConfig(AppConfig):
    name = "onestory.risk"
    label = "risk"
    verbose_name = "Risk"
