# snapshot: --unsafe-fixes --asyncio-mode auto
import asyncio

import pytest

from server import serve


@pytest.fixture
def server_port(unused_tcp_port, event_loop):
    coro = serve("localhost", unused_tcp_port, loop=event_loop)
    server = event_loop.run_until_complete(coro)
    yield unused_tcp_port
    if hasattr(asyncio, "all_tasks"):
        tasks = asyncio.all_tasks(event_loop)
    else:
        tasks = asyncio.Task.all_tasks(loop=event_loop)

    async def close_all():
        server.close()
        await server.wait_closed()
        if tasks:
            await asyncio.wait(tasks)

    event_loop.run_until_complete(close_all())


@pytest.fixture
def pending():
    loop = asyncio.get_event_loop()
    yield loop.run_until_complete(serve())
    for task in asyncio.all_tasks(loop):
        task.cancel()
