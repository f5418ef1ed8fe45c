from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "srohub.demo"
    label = "demo"
