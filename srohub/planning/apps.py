from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "srohub.planning"
    label = "planning"
