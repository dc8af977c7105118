# snapshot: --unsafe-fixes
import asyncio

try:
    import uvloop
except ImportError:
    uvloop = None
    LOOP = asyncio.get_event_loop()
