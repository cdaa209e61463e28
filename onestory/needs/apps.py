from django.apps import AppConfig


class NeedsConfig(AppConfig):
    name = "onestory.needs"
    label = "needs"
    verbose_name = "Needs assessment and the delivery plan"

    def ready(self) -> None:
        from onestory.needs.board import plan_section
        from onestory.returns.board import register_section

        register_section("delivery_plan", plan_section, order=10)
