"""The /api/v1/ router: DRF's DefaultRouter with each viewset's routes grouped under its prefix.

Django matches a request path against URL patterns one by one. Flat, the ~40 viewsets give ~170
patterns, and a viewset registered late (tip intake, the busiest write) paid ~0.2 ms of regex
matching on every request. Grouped, a path is tried against one pattern per prefix, then against
its own viewset's few routes. The order, and so which route wins, is the flat list's.

No ``.json``-style format suffixes: they doubled the patterns, and clients choose the format with
the ``Accept`` header (or ``?format=``).
"""

from django.urls import include, path, re_path
from rest_framework.routers import DefaultRouter, SimpleRouter


class GroupedRouter(DefaultRouter):
    include_format_suffixes = False

    def get_urls(self):
        grouped = [
            re_path(f"^{prefix}/", include(self._routes_of(viewset, basename)))
            for prefix, viewset, basename in self.registry
        ]
        if self.include_root_view:
            grouped.append(path("", self.get_api_root_view(api_urls=grouped), name=self.root_view_name))
        return grouped

    def _routes_of(self, viewset, basename: str) -> list:
        """One viewset's routes relative to its prefix (DRF builds them so for an empty prefix)."""
        routes = SimpleRouter(trailing_slash=bool(self.trailing_slash))
        routes.register("", viewset, basename=basename)
        return routes.get_urls()
