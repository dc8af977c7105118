# snapshot: --unsafe-fixes --conftest
import asyncio
import gc

import pytest

try:
    import uvloop
except ImportError:  # pragma: no cover
    uvloop = None


@pytest.fixture(scope='session', params=['ssl', 'plain'])
def transport(request):
    return request.param


@pytest.fixture(params=['asyncio', 'uvloop'])
def loop_kind(request):
    return request.param


@pytest.fixture(params=[True, False], ids=['debug', 'nodebug'])
def loop_debug(request):
    """Run each test with and without asyncio debug mode."""
    return request.param


@pytest.fixture
def event_loop(request, loop_kind, loop_debug):
    asyncio.set_event_loop(None)
    if loop_kind == 'uvloop' and uvloop is not None:
        loop = uvloop.new_event_loop()
    else:
        loop = asyncio.new_event_loop()
    loop.set_debug(loop_debug)
    loop.slow_callback_duration = 0.5
    asyncio.set_event_loop(loop)
    yield loop
    loop.close()
    asyncio.set_event_loop(None)
    gc.collect()


@pytest.fixture
def loop(event_loop):
    return event_loop
