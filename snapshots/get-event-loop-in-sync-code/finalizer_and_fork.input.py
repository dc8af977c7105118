# snapshot: --unsafe-fixes
import asyncio
import os


class Connection:
    def __del__(self):
        asyncio.get_event_loop().call_soon(print, "closed")


def _reset_loop():
    asyncio.get_event_loop().close()


os.register_at_fork(after_in_child=_reset_loop)
