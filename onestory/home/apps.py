from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "onestory.home"
    label = "home"
    verbose_name = "Home"
