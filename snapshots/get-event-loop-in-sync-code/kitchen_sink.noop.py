# snapshot: --unsafe-fixes
# Look-alikes LM104 must leave alone.
import asyncio


async def in_coroutine():
    # LM101 turns this into get_running_loop().
    return asyncio.get_event_loop()


def run_once():
    # LM102: a loop made only to be run.
    loop = asyncio.get_event_loop()
    loop.run_until_complete(in_coroutine())


def run_twice():
    # LM103: several runs on one loop.
    loop = asyncio.get_event_loop()
    loop.run_until_complete(in_coroutine())
    loop.run_until_complete(in_coroutine())
    loop.close()


def one_liner():
    return asyncio.get_event_loop().run_until_complete(in_coroutine())


class Holder:
    def get_event_loop(self):
        return None

    def use(self):
        return self.get_event_loop()


def shadowed(asyncio):
    return asyncio.get_event_loop()


def policy():
    return asyncio.get_event_loop_policy().get_event_loop()


def modern():
    return asyncio.get_running_loop()


def reference_only():
    return asyncio.get_event_loop


TEXT = "asyncio.get_event_loop()"  # asyncio.get_event_loop() in a comment


if __name__ == "__main__":
    # LM105: the loop runs forever at the entry point.
    asyncio.get_event_loop().run_forever()


async def with_callback():
    fut = asyncio.get_running_loop().create_future()

    def fire():
        # A callback of the running loop: get_event_loop() returns it here.
        asyncio.get_event_loop().call_soon(fut.set_result, "fired")

    asyncio.get_running_loop().call_soon(fire)
    return await fut
