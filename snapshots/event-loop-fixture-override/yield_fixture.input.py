# snapshot: --unsafe-fixes
import asyncio

import pytest


@pytest.yield_fixture(scope="module")
def event_loop(request):
    loop = asyncio.get_event_loop_policy().new_event_loop()
    yield loop
    loop.close()


def test_plain():
    assert True
