from django.apps import AppConfig


class DrillsConfig(AppConfig):
    name = "srohub.drills"
    label = "drills"
