from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "srohub.accounts"
    label = "accounts"
