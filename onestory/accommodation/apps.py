from django.apps import AppConfig


class AccommodationConfig(AppConfig):
    name = "onestory.accommodation"
    label = "accommodation"
    verbose_name = "Safe accommodation"
