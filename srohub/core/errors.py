"""Errors that services raise and every edge (API, web, CLI) turns into a clear answer."""

from django.utils.translation import gettext_lazy as _


class Conflict(Exception):
    """Someone changed the record since it was read: the edit would overwrite theirs (409)."""

    default_message = _("This record was changed by someone else since you opened it. Reload and try again.")

    def __init__(self, message=None):
        super().__init__(message or self.default_message)
        self.message = message or self.default_message
