import os

os.environ.setdefault("SROHUB_MODE", "test")

import pytest  # noqa: E402

# The browser tests' shared `browser` fixture (Debian's chromium through Playwright).
pytest_plugins = ["srohub.core.tests.browser"]


@pytest.fixture
def world(db):
    """Two programs; one user per role in program A; an outsider with every role in program B."""
    from srohub.core.testing import build_world

    return build_world()


@pytest.fixture(autouse=True)
def _forget_verified_api_keys():
    """Each test starts with a server process that has verified no API key yet."""
    from srohub.accounts.authentication import token_cache

    token_cache.clear()
    yield
    token_cache.clear()
