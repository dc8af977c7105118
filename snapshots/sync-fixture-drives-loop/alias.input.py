# snapshot: --unsafe-fixes
import pytest

from client import Client


@pytest.fixture
def loop(event_loop):
    """The loop the tests run in."""
    return event_loop


@pytest.fixture
def client(event_loop):
    c = Client(loop=event_loop)
    yield c
    c.close()


@pytest.fixture
def deferred(event_loop):
    def later(f):
        event_loop.call_soon(f)

    return later
