"""The ``srohub`` command: Django's manage.py with SRO Hub's own commands (seed, import, token, …)."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "srohub.settings")
    from django.core.management import execute_from_command_line

    argv = list(argv if argv is not None else sys.argv)
    argv[0] = "srohub"
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
