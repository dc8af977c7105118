import pytest

from minidb import db


@pytest.mark.asyncio
async def test_put_and_get():
    conn = db.connection()
    await conn.execute("INSERT INTO kv VALUES ('a', '1')")
    async with conn.execute("SELECT v FROM kv WHERE k = 'a'") as cur:
        assert (await cur.fetchone())[0] == "1"


@pytest.mark.asyncio
async def test_count():
    async with db.connection().execute("SELECT count(*) FROM kv") as cur:
        assert (await cur.fetchone())[0] == 1
