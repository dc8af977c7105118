import asyncio

import pytest


class Scheduler:
    """Runs jobs on the loop it is given."""

    def __init__(self, loop):
        self.loop = loop
        self.done = []

    def submit(self, job):
        return self.loop.call_soon(self.done.append, job)


@pytest.fixture
def event_loop():
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


def test_keeps_its_loop(event_loop):
    scheduler = Scheduler(event_loop)
    assert scheduler.loop is event_loop


def test_runs_submitted_jobs(event_loop):
    scheduler = Scheduler(event_loop)
    scheduler.submit("a")
    event_loop.run_until_complete(asyncio.sleep(0))
    assert scheduler.done == ["a"]


@pytest.mark.asyncio
async def test_async_side():
    event_loop = asyncio.get_running_loop()
    scheduler = Scheduler(event_loop)
    scheduler.submit("b")
    await asyncio.sleep(0)
    assert scheduler.done == ["b"]
