"""What every URL route of the site is: public or not, web page or API, and which model its URL
arguments fetch. The route-enumerating access test (core/tests/test_routes.py) walks these, so a
new endpoint is checked for anonymous refusal and out-of-scope 404s without anyone writing a test.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.regex_helper import normalize
from rest_framework.views import APIView

# Django's own views that must answer signed-out visitors; they cannot carry our `public` marker.
# Our views mark themselves with `srohub.core.decorators.public` instead of being listed here.
FRAMEWORK_PUBLIC_VIEWS = frozenset(
    {
        "django.contrib.auth.views.LoginView",  # signing in
        "django.contrib.auth.views.LogoutView",  # signing out (refused to no one, harmless)
        "django.views.i18n.set_language",  # choosing English or French before signing in
    }
)
# URL arguments that choose a representation, not a record.
NON_RECORD_KWARGS = frozenset({"format"})


@dataclass(frozen=True)
class Route:
    """One URL pattern, flattened out of its includes."""

    regex: str
    readable: str
    callback: Callable
    name: str | None
    converters: tuple[tuple[str, object], ...] = ()

    def __str__(self) -> str:
        return self.readable

    @property
    def kwarg_names(self) -> tuple[str, ...]:
        return tuple(re.compile(self.regex).groupindex)

    @property
    def has_positional_args(self) -> bool:
        compiled = re.compile(self.regex)
        return compiled.groups > len(compiled.groupindex)

    @property
    def record_kwargs(self) -> tuple[str, ...]:
        """The URL arguments that name a record (``pk``, ``school_pk``, ``slug`` …)."""
        plain = NON_RECORD_KWARGS | getattr(self.callback, "srohub_plain_kwargs", frozenset())
        return tuple(name for name in self.kwarg_names if name not in plain)

    @property
    def view_class(self) -> type | None:
        return getattr(self.callback, "cls", None) or getattr(self.callback, "view_class", None)

    @property
    def is_api(self) -> bool:
        return isinstance(self.view_class, type) and issubclass(self.view_class, APIView)

    @property
    def is_public(self) -> bool:
        return is_public_view(self.callback)

    @property
    def api_methods(self) -> frozenset[str]:
        """The HTTP methods a DRF route answers (a viewset's action map, or an APIView's handlers)."""
        actions = getattr(self.callback, "actions", None)
        if actions is not None:
            return frozenset(actions)
        view_class = self.view_class
        return frozenset(m for m in view_class.http_method_names if m != "options" and hasattr(view_class, m))

    @property
    def permission_classes(self) -> tuple[type, ...]:
        """A DRF route's permission classes, including those given to ``as_view()``."""
        initkwargs = getattr(self.callback, "initkwargs", None) or {}
        return tuple(initkwargs.get("permission_classes", getattr(self.view_class, "permission_classes", ())))

    @property
    def scoped_model(self) -> type | None:
        return scoped_model_of(self.callback)

    def url(self, **kwargs: str) -> str:
        """The path of this route with ``kwargs`` filled in (every URL argument must be given)."""
        converters = dict(self.converters)
        values = {
            name: converters[name].to_url(value) if name in converters else value
            for name, value in kwargs.items()
        }
        for template, params in normalize(self.regex):
            if set(params) == set(values):
                return "/" + template % values
        raise ValueError(f"Route {self} cannot be built from {sorted(kwargs)}")


def iter_routes(
    resolver: URLResolver | None = None, prefix: str = "", readable: str = "", converters: tuple = ()
) -> Iterator[Route]:
    """Every URL pattern under ``resolver`` (the whole site by default), includes flattened."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        regex = prefix + _strip_anchor(entry.pattern.regex.pattern)
        text = readable + str(entry.pattern)
        entry_converters = converters + tuple(getattr(entry.pattern, "converters", {}).items())
        if isinstance(entry, URLResolver):
            yield from iter_routes(entry, regex, text, entry_converters)
        elif isinstance(entry, URLPattern):
            yield Route(
                regex=regex,
                readable=text,
                callback=entry.callback,
                name=entry.name,
                converters=entry_converters,
            )


def _strip_anchor(pattern: str) -> str:
    return pattern[1:] if pattern.startswith("^") else pattern


def is_public_view(callback: Callable) -> bool:
    """Whether a view answers anonymous visitors on purpose (marked ``public`` or a framework view)."""
    view_class = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
    if getattr(callback, "srohub_public", False) or getattr(view_class, "srohub_public", False):
        return True
    target = view_class or callback
    return f"{target.__module__}.{target.__qualname__}" in FRAMEWORK_PUBLIC_VIEWS


def scoped_model_of(callback: Callable) -> type | None:
    """The model a view's URL arguments fetch: ``scoped_to`` on function views, ``model`` (or the
    queryset's model) on class-based views and viewsets; None when the view does not say."""
    marked = getattr(callback, "srohub_scoped_model", None)
    if marked is not None:
        return marked
    view_class = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
    model = getattr(view_class, "model", None)
    if model is None:
        model = getattr(getattr(view_class, "queryset", None), "model", None)
    return model


def plain_url_kwargs(*names: str):
    """Declare URL arguments of a view that name no record (``import/template/<slug:kind>.csv``),
    so the route test does not ask which model they fetch. Record ids use ``scoped_to`` instead."""

    def mark(view):
        view.srohub_plain_kwargs = frozenset(names)
        return view

    return mark
