# snapshot: --unsafe-fixes
import asyncio

loop = asyncio.get_event_loop()


def stop():
    loop.stop()


loop.call_later(1, stop)
loop.run_forever()
