# snapshot: --unsafe-fixes
"""Look-alikes of an event_loop override that must stay as they are."""
import asyncio

import pytest
import pytest_asyncio


def event_loop():
    # Not a fixture: a plain helper that happens to share the name.
    return asyncio.new_event_loop()


class Harness:
    def event_loop(self):
        return self.loop


@pytest.fixture
def loop_name():
    return "event_loop"  # a string, not the fixture


@pytest_asyncio.fixture(loop_scope="session")
async def shared():
    yield asyncio.get_running_loop()


@pytest.mark.asyncio(loop_scope="session")
async def test_modern(shared):
    assert shared is asyncio.get_running_loop()
