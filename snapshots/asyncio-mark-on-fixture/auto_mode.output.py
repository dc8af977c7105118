# snapshot: --asyncio-mode auto
import pytest_asyncio


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def server():
    return "up"


async def test_server(server):
    assert server == "up"
