# snapshot: --unsafe-fixes --conftest
import asyncio

import pytest
import uvloop


@pytest.fixture(params=["asyncio", "uvloop"])
def loop_kind(request):
    return request.param


@pytest.fixture
def event_loop(loop_kind):
    if loop_kind == "uvloop":
        loop = uvloop.new_event_loop()
    else:
        loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@pytest.fixture
def expected_loop_class(loop_kind):
    return uvloop.Loop if loop_kind == "uvloop" else asyncio.BaseEventLoop
