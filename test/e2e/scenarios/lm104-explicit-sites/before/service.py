import asyncio


class Worker:
    def __init__(self, loop):
        self.loop = loop


def _on_done(fut):
    asyncio.get_event_loop().call_soon(print, fut.result())


def _schedule_tick():
    return asyncio.get_event_loop().call_later(0.01, print, "tick")


async def work():
    _schedule_tick()
    fut = asyncio.ensure_future(asyncio.sleep(0.02, "done"))
    fut.add_done_callback(_on_done)
    await fut
    await asyncio.sleep(0)


def make_worker(loop):
    asyncio.set_event_loop(loop)
    return Worker(asyncio.get_event_loop())


if __name__ == "__main__":
    loop = asyncio.get_event_loop()
    worker = make_worker(loop)
    loop.run_until_complete(work())
    print("worker bound to the running loop:", worker.loop is loop)
    loop.close()
