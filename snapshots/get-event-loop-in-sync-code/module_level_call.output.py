# snapshot: --unsafe-fixes
import asyncio


def _get_or_create_event_loop():
    """The running event loop, else a new loop set as the current one."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        return loop


_get_or_create_event_loop().set_debug(True)
