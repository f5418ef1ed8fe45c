from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "srohub.people"
    label = "people"
