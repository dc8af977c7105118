# snapshot: --unsafe-fixes
import asyncio
asyncio.get_event_loop().set_debug(True)
