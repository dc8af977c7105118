# snapshot: --unsafe-fixes
import asyncio

import pytest


@pytest.fixture(scope="session")
def event_loop():
    """One loop for the whole run."""
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@pytest.fixture
def settings():
    return {"debug": True}
