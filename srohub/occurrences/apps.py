from django.apps import AppConfig


class OccurrencesConfig(AppConfig):
    name = "srohub.occurrences"
    label = "occurrences"
