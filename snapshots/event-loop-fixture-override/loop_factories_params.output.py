# snapshot: --unsafe-fixes --conftest
import asyncio

import pytest

try:
    import uvloop
except ImportError:  # pragma: no cover
    uvloop = None


@pytest.fixture(scope='session', params=['ssl', 'plain'])
def transport(request):
    return request.param


def _new_event_loop(loop_kind):
    if loop_kind == 'uvloop' and uvloop is not None:
        loop = uvloop.new_event_loop()
    else:
        loop = asyncio.new_event_loop()
    loop.slow_callback_duration = 0.5
    return loop


def pytest_asyncio_loop_factories(config, item):
    return {
        'asyncio': lambda: _new_event_loop('asyncio'),
        'uvloop': lambda: _new_event_loop('uvloop'),
    }


@pytest.fixture
def loop(event_loop):
    return event_loop
