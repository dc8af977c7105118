# snapshot: --unsafe-fixes --asyncio-mode auto
import asyncio

import pytest

from server import serve


@pytest.fixture
async def server_port(unused_tcp_port):
    event_loop = asyncio.get_running_loop()
    coro = serve("localhost", unused_tcp_port, loop=event_loop)
    server = await coro
    yield unused_tcp_port
    if hasattr(asyncio, "all_tasks"):
        tasks = asyncio.all_tasks() - {asyncio.current_task()}
    else:
        tasks = asyncio.Task.all_tasks(loop=event_loop)

    async def close_all():
        server.close()
        await server.wait_closed()
        if tasks:
            await asyncio.wait(tasks)

    await close_all()


@pytest.fixture
async def pending():
    yield await serve()
    for task in asyncio.all_tasks() - {asyncio.current_task()}:
        task.cancel()
