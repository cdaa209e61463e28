from django.apps import AppConfig


class NeedsConfig(AppConfig):
    name = "onestory.needs"
    label = "needs"
    verbose_name = "Needs assessment and the delivery plan"
