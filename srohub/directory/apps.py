from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "srohub.directory"
    label = "directory"
