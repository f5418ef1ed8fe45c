import os

os.environ.setdefault("SROHUB_MODE", "test")

import pytest  # noqa: E402


@pytest.fixture
def world(db):
    """Two programs; one user per role in program A; an outsider with every role in program B."""
    from srohub.core.testing import build_world

    return build_world()
