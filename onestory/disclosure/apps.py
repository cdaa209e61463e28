from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "onestory.disclosure"
    label = "disclosure"
    verbose_name = "Domestic Violence Disclosure Scheme"
