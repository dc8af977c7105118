# snapshot: --unsafe-fixes

import pytest


@pytest.fixture
def settings():
    return {"debug": True}
