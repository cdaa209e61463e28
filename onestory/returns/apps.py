from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    name = "onestory.returns"
    label = "returns"
    verbose_name = "Statutory return and board report"
