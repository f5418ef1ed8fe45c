from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "srohub.core"
    label = "core"
    verbose_name = "SRO Hub core"
