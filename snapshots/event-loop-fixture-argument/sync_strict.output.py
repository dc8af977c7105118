# snapshot: --unsafe-fixes
import pytest

from shop.db import connect


@pytest.mark.asyncio
async def test_lookup():
    db = await connect()
    assert await db.fetch("a") == 1
    assert (await db.info()).name == "memory"


@pytest.mark.asyncio
@pytest.mark.slow
async def test_slow(tmp_path):
    await connect(tmp_path)


class TestDb:
    @pytest.mark.asyncio
    async def test_method(self):
        assert await connect() is not None
