import asyncio

import pytest


class TracingLoop(asyncio.SelectorEventLoop):
    """A loop that counts the callbacks scheduled on it."""

    def __init__(self):
        super().__init__()
        self.scheduled = 0

    def call_soon(self, callback, *args, **kwargs):
        self.scheduled += 1
        return super().call_soon(callback, *args, **kwargs)


@pytest.fixture(params=["plain", "tracing"])
def loop_kind(request):
    return request.param


@pytest.fixture(params=[True, False], ids=["debug", "nodebug"])
def loop_debug(request):
    return request.param


@pytest.fixture
def event_loop(loop_kind, loop_debug):
    if loop_kind == "tracing":
        loop = TracingLoop()
    else:
        loop = asyncio.new_event_loop()
    loop.set_debug(loop_debug)
    asyncio.set_event_loop(loop)
    yield loop
    loop.close()
    asyncio.set_event_loop(None)


@pytest.fixture
def loop(event_loop):
    return event_loop
