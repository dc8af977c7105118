# snapshot: --unsafe-fixes
import asyncio
import sys
try:
    import ssl
except ImportError:
    ssl = None
if sys.version_info >= (3, 8):
    from asyncio import exceptions
else:
    exceptions = None


def _get_or_create_event_loop():
    """The running event loop, else a new loop set as the current one."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        return loop


# Module-level state.
LOOP = _get_or_create_event_loop()
