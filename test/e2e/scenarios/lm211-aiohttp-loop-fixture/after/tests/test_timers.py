import asyncio

import pytest


class Ticker:
    def __init__(self, loop):
        self.loop = loop
        self.ticks = []

    def start(self):
        self.loop.call_soon(self.ticks.append, "tick")


@pytest.fixture
async def ticker():
    loop = asyncio.get_running_loop()
    t = Ticker(loop)
    t.start()
    await asyncio.sleep(0)
    return t


async def test_ticks(ticker):
    loop = asyncio.get_running_loop()
    assert ticker.ticks == ["tick"]
    assert ticker.loop is loop


async def test_future():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    loop.call_soon(fut.set_result, 3)
    assert await fut == 3
