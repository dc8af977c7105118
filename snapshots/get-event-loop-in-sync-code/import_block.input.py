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

# Module-level state.
LOOP = asyncio.get_event_loop()
