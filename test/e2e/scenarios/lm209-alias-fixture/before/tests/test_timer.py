import asyncio


class Timer:
    def __init__(self, loop):
        self.loop = loop
        self.fired = []

    def start(self, delay):
        self.loop.call_later(delay, self.fired.append, delay)


async def test_future_on_the_test_loop(loop):
    fut = loop.create_future()
    loop.call_soon(fut.set_result, 3)
    assert await fut == 3


async def test_timer(loop):
    timer = Timer(loop)
    timer.start(0)
    await asyncio.sleep(0.01)
    assert timer.fired == [0]


def test_sync_drives_the_loop(loop):
    assert not loop.is_running()
    assert loop.run_until_complete(asyncio.sleep(0, "done")) == "done"
