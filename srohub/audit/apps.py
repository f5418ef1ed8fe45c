from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "srohub.audit"
    label = "audit"
