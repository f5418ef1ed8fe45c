"""The grouped API router answers every path exactly as DRF's flat router would."""

from django.urls import URLPattern, URLResolver
from rest_framework.routers import DefaultRouter

from srohub.api_urls import router


def named_patterns(patterns, prefix=""):
    """{name: full regex} of every named route, through includes."""
    found = {}
    for pattern in patterns:
        regex = prefix + str(pattern.pattern).lstrip("^") if prefix else str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            found.update(named_patterns(pattern.url_patterns, regex.rstrip("$")))
        elif isinstance(pattern, URLPattern) and pattern.name:
            found[pattern.name] = regex
    return found


def test_it_routes_every_viewset_as_the_flat_router_would():
    flat = DefaultRouter()
    flat.include_format_suffixes = False
    for prefix, viewset, basename in router.registry:
        flat.register(prefix, viewset, basename=basename)
    grouped, expected = named_patterns(router.urls), named_patterns(flat.urls)
    assert grouped == expected
    assert "tip-list" in grouped and "tip-acknowledge" in grouped


def test_it_matches_a_path_against_one_pattern_per_viewset_first():
    assert len(router.urls) == len(router.registry) + 1  # and the API root
    assert all(isinstance(pattern, URLResolver) for pattern in router.urls[:-1])
