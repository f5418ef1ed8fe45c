from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "srohub.engagement"
    label = "engagement"
