# snapshot: --unsafe-fixes --conftest

import pytest
import uvloop


def pytest_asyncio_loop_factories(config, item):
    return {"uvloop": uvloop.new_event_loop}


@pytest.fixture(scope="session")
async def server():
    yield object()
