import asyncio

import pytest
import pytest_asyncio


async def echo(reader, writer):
    writer.write(await reader.readline())
    await writer.drain()
    writer.close()
    await writer.wait_closed()


@pytest_asyncio.fixture
async def echo_port():
    server = await asyncio.start_server(echo, "127.0.0.1", 0)
    yield server.sockets[0].getsockname()[1]
    server.close()
    tasks = asyncio.all_tasks() - {asyncio.current_task()}
    if tasks:
        await asyncio.wait(tasks)
    await server.wait_closed()


@pytest_asyncio.fixture
async def jobs():
    queue = asyncio.Queue()
    await queue.put("job-1")
    yield queue
    await queue.join()


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
