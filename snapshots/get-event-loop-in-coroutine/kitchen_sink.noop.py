# Look-alikes LM101 must leave alone.
import asyncio


def sync_helper():
    # Sync code: that is LM104's business, not this rule's.
    return asyncio.get_event_loop()


async def outer():
    def inner():
        # A nested def may run outside the coroutine.
        return asyncio.get_event_loop()

    callback = lambda: asyncio.get_event_loop()  # noqa: E731
    lazy = (asyncio.get_event_loop() for _ in range(1))
    return inner, callback, lazy


class Loopish:
    def get_event_loop(self):
        return None

    async def run(self):
        # Another object's method of the same name.
        return self.get_event_loop()


async def shadowed(asyncio):
    # `asyncio` is a parameter here, not the module.
    return asyncio.get_event_loop()


async def policy():
    return asyncio.get_event_loop_policy().get_event_loop()


async def documented():
    """Call asyncio.get_event_loop() here? No."""
    text = "asyncio.get_event_loop()"
    # asyncio.get_event_loop()
    return text


async def with_argument(get_event_loop):
    return get_event_loop()


async def default_value(loop=asyncio.get_event_loop()):
    # The default is evaluated when the def runs, outside any coroutine.
    return loop


class Holder:
    async def method(self, loop: "asyncio.AbstractEventLoop" = asyncio.get_event_loop()):
        return loop
