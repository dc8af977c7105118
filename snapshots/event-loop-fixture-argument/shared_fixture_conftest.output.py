# snapshot: --unsafe-fixes --shared-loop-fixture
"""Fixtures shared by the test modules."""
import asyncio

import pytest

from shop import Shop


@pytest.fixture
def shop():
    return Shop()


@pytest.fixture
def event_loop():
    """A new loop for each sync test that holds one; pytest-asyncio 1.x has none."""
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()
