import asyncio


class Scheduler:
    def __init__(self, loop):
        self.loop = loop
        self.ran = []

    def later(self, name):
        self.loop.call_soon(self.ran.append, name)


def test_scheduler_uses_the_loop(event_loop, greeting):
    scheduler = Scheduler(event_loop)
    scheduler.later(greeting)
    event_loop.run_until_complete(asyncio.sleep(0))
    assert scheduler.ran == ["hello"]
