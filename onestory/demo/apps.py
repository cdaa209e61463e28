from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "onestory.demo"
    label = "demo"
    verbose_name = "Demonstration partnership"
