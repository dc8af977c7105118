import asyncio

import pytest


async def echo(reader, writer):
    writer.write(await reader.readline())
    await writer.drain()
    writer.close()
    await writer.wait_closed()


@pytest.fixture
def echo_port(event_loop):
    server = event_loop.run_until_complete(asyncio.start_server(echo, "127.0.0.1", 0))
    yield server.sockets[0].getsockname()[1]
    server.close()
    tasks = asyncio.all_tasks(event_loop)
    if tasks:
        event_loop.run_until_complete(asyncio.wait(tasks))
    event_loop.run_until_complete(server.wait_closed())


@pytest.fixture
def jobs():
    loop = asyncio.get_event_loop()
    queue = asyncio.Queue()
    loop.run_until_complete(queue.put("job-1"))
    yield queue
    loop.run_until_complete(queue.join())


@pytest.mark.asyncio
async def test_echo(echo_port):
    reader, writer = await asyncio.open_connection("127.0.0.1", echo_port)
    writer.write(b"ping\n")
    assert await reader.readline() == b"ping\n"
    writer.close()
    await writer.wait_closed()


@pytest.mark.asyncio
async def test_jobs(jobs):
    assert await jobs.get() == "job-1"
    jobs.task_done()
