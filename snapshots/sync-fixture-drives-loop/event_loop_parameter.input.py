# snapshot: --unsafe-fixes --asyncio-mode auto
import pytest

from server import serve


@pytest.fixture
def server_port(unused_tcp_port, event_loop):
    coro = serve("localhost", unused_tcp_port, loop=event_loop)
    server = event_loop.run_until_complete(coro)
    yield unused_tcp_port
    server.close()
    event_loop.run_until_complete(server.wait_closed())


@pytest.yield_fixture
def client(event_loop):
    with open("/dev/null") as sink:
        c = event_loop.run_until_complete(connect(sink))
        yield c
        event_loop.run_until_complete(c.aclose())


async def test_echo(server_port, client):
    assert await client.echo(server_port)
