"""Names resolved through aliases and from-imports, submodules included."""
import asyncio as aio
from asyncio import Queue as JobQueue, sleep
from asyncio import locks, subprocess
from asyncio.streams import open_connection


async def main(loop):
    jobs = JobQueue(maxsize=10, loop=loop)
    await sleep(1, loop=loop)
    lock = locks.Lock(loop=loop)
    proc = await subprocess.create_subprocess_exec("true", loop=loop)
    reader, writer = await open_connection("localhost", 8080, loop=loop)
    await aio.shield(jobs.join(), loop=loop)
    for fut in aio.as_completed([jobs.get()], loop=loop, timeout=1):
        await fut
    return lock, proc, reader, writer
