# Without --unsafe-fixes the unproven call is reported, not changed.
import asyncio

from app.client import download


async def main(urls):
    # `download` is defined elsewhere: it may return a future, so the fix is unsafe.
    done, _ = await asyncio.wait([download(u) for u in urls])
    return done
