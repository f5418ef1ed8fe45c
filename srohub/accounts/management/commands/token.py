"""`srohub token create USERNAME [--name NAME]`, `srohub token revoke PREFIX`, `srohub token list USERNAME`.

API keys for partners and integrations (``Authorization: Token <key>``). ``create`` prints the key
alone on standard output — it is shown this once, only its hash is stored — so a script can capture
it: ``KEY=$(srohub token create crimestoppers)``. Every change is written through the accounts
services with the SYSTEM actor, so the audit trail shows it. An unknown user or prefix exits with 2.
"""

from django.core.management.base import BaseCommand, CommandError

from srohub.accounts.models import ApiToken, User
from srohub.accounts.services import token_create, token_revoke
from srohub.audit.services import SYSTEM

NOT_FOUND = 2  # exit status for an unknown user or token, as the usage error status of argparse


class Command(BaseCommand):
    help = "Create, revoke and list API keys."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
        create = actions.add_parser(
            "create", help="Issue a new API key for a user and print it (shown once)."
        )
        create.add_argument("username")
        create.add_argument("--name", default="", help="What the key is for, e.g. 'Crime Stoppers intake'.")
        revoke = actions.add_parser("revoke", help="Revoke the key whose first characters are PREFIX.")
        revoke.add_argument("prefix")
        listing = actions.add_parser("list", help="List a user's keys (prefix, name, dates).")
        listing.add_argument("username")

    def handle(self, *args, action: str, **options):
        {"create": self.create, "revoke": self.revoke, "list": self.list}[action](**options)

    def create(self, *, username: str, name: str, **options) -> None:
        user = _user(username)
        if not user.is_active:
            raise CommandError(f"User {username!r} is inactive: a key would not work.", returncode=NOT_FOUND)
        token, key = token_create(actor=SYSTEM, user=user, name=name)
        self.stderr.write(
            f"API key for {username} (prefix {token.key_prefix}); store it now, it is shown once:"
        )
        self.stdout.write(key)

    def revoke(self, *, prefix: str, **options) -> None:
        tokens = list(ApiToken.objects.filter(key_prefix=prefix).select_related("user"))
        active = [token for token in tokens if token.revoked_at is None]
        if not tokens:
            raise CommandError(f"No API key starts with {prefix!r}.", returncode=NOT_FOUND)
        if not active:
            self.stdout.write(f"The key {prefix}… of {tokens[0].user} was already revoked.")
            return
        if len(active) > 1:
            raise CommandError(f"{len(active)} keys start with {prefix!r}; revoke them in the web interface.")
        token_revoke(actor=SYSTEM, token=active[0])
        self.stdout.write(f"Revoked the key {prefix}… of {active[0].user}.")

    def list(self, *, username: str, **options) -> None:
        tokens = _user(username).api_tokens.order_by("created_at", "pk")
        if not tokens:
            self.stdout.write(f"{username} has no API keys.")
            return
        self.stdout.write(f"{'prefix':<10}{'name':<32}{'created':<18}{'last used':<18}revoked")
        for token in tokens:
            self.stdout.write(
                f"{token.key_prefix:<10}{token.name[:30]:<32}{_when(token.created_at):<18}"
                f"{_when(token.last_used_at):<18}{_when(token.revoked_at)}"
            )


def _user(username: str) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"No user named {username!r}.", returncode=NOT_FOUND)
    return user


def _when(moment) -> str:
    return f"{moment:%Y-%m-%d %H:%M}" if moment else "—"
