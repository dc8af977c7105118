# snapshot: --unsafe-fixes --asyncio-mode auto
from shop.db import connect


async def test_lookup():
    db = await connect()
    assert db
