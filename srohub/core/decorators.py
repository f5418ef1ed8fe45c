"""Markers the route-enumerating access test reads."""


def public(view):
    """Mark a view as open to anonymous visitors (login page, health check, anonymous tip form).

    Every other route must refuse an anonymous request; a test walks all URL patterns to check it.
    """
    view.srohub_public = True
    return view


def scoped_to(model):
    """Declare which model a function view's ``pk`` (or ``<name>_pk``) URL argument fetches,
    so the route test can try an out-of-scope id and expect 404."""

    def mark(view):
        view.srohub_scoped_model = model
        return view

    return mark
