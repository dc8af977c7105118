# snapshot: --unsafe-fixes
import asyncio


def _on_done(fut):
    asyncio.get_running_loop().call_soon(print, fut.result())


def _schedule(delay):
    return asyncio.get_running_loop().call_later(delay, print, "late")


def _helper_of_helper():
    return _schedule(0.01)


class Poller:
    def _tick(self):
        self.loop = asyncio.get_running_loop()

    async def run(self):
        self._tick()


def public_entry():
    # Public: other modules may call it with no loop running.
    return asyncio.get_event_loop()


async def work():
    fut = asyncio.ensure_future(asyncio.sleep(0, "done"))
    fut.add_done_callback(_on_done)
    _helper_of_helper()
    await fut


def _called_from_sync():
    return asyncio.get_event_loop()


def setup():
    _called_from_sync()
