from django.apps import AppConfig


class TipsConfig(AppConfig):
    name = "srohub.tips"
    label = "tips"
