from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "onestory.cases"
    label = "cases"
    verbose_name = "Case work"

    def ready(self) -> None:
        # The front door, risk and the cases tell their parts of the person's timeline.
        from onestory.cases import timeline

        timeline.register()
