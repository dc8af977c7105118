# snapshot: --unsafe-fixes --asyncio-mode auto
from shop.db import connect


def test_lookup(event_loop):
    db = event_loop.run_until_complete(connect())
    assert db
