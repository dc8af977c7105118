"""Names resolved through aliases and from-imports, submodules included."""
import asyncio as aio
from asyncio import Queue as JobQueue, sleep
from asyncio import locks, subprocess
from asyncio.streams import open_connection


async def main(loop):
    jobs = JobQueue(maxsize=10)
    await sleep(1)
    lock = locks.Lock()
    proc = await subprocess.create_subprocess_exec("true")
    reader, writer = await open_connection("localhost", 8080)
    await aio.shield(jobs.join())
    for fut in aio.as_completed([jobs.get()], timeout=1):
        await fut
    return lock, proc, reader, writer
