# snapshot: --unsafe-fixes --target-version py313
# Look-alikes LM103 must leave alone.
import asyncio


async def a():
    pass


def single_run():
    # One run: LM102's asyncio.run().
    loop = asyncio.new_event_loop()
    loop.run_until_complete(a())
    loop.close()


def loop_used_for_more():
    # The loop is used for other things too: LM104 territory.
    loop = asyncio.new_event_loop()
    loop.call_soon(print, "hi")
    loop.run_until_complete(a())
    loop.run_until_complete(a())


def loop_returned():
    loop = asyncio.new_event_loop()
    loop.run_until_complete(a())
    loop.run_until_complete(a())
    return loop


def loop_passed_in(loop):
    loop.run_until_complete(a())
    loop.run_until_complete(a())


class Client:
    def __init__(self):
        self.loop = asyncio.new_event_loop()

    def run(self):
        self.loop.run_until_complete(a())
        self.loop.run_until_complete(a())


def other_object():
    class Fake:
        def run_until_complete(self, x):
            return x

    loop = Fake()
    loop.run_until_complete(1)
    loop.run_until_complete(2)


def shadowed():
    asyncio = __import__("trollius")
    loop = asyncio.new_event_loop()
    loop.run_until_complete(a())
    loop.run_until_complete(a())


def used_in_closure():
    loop = asyncio.new_event_loop()

    def go():
        return loop.run_until_complete(a())

    go()
    go()


def modern():
    with asyncio.Runner() as runner:
        runner.run(a())
        runner.run(a())


TEXT = "loop = asyncio.get_event_loop(); loop.run_until_complete(a()); loop.run_until_complete(a())"
