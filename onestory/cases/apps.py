from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "onestory.cases"
    label = "cases"
    verbose_name = "Case work"
