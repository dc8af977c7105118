# snapshot: --unsafe-fixes --asyncio-mode auto
import asyncio

import pytest
import pytest_asyncio

from server import serve


@pytest.fixture
async def server_port(unused_tcp_port):
    event_loop = asyncio.get_running_loop()
    coro = serve("localhost", unused_tcp_port, loop=event_loop)
    server = await coro
    yield unused_tcp_port
    server.close()
    await server.wait_closed()


@pytest_asyncio.fixture
async def client():
    with open("/dev/null") as sink:
        c = await connect(sink)
        yield c
        await c.aclose()


async def test_echo(server_port, client):
    assert await client.echo(server_port)
