from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "onestory.audit"
    label = "audit"
    verbose_name = "Audit log"
