import aiosqlite
import pytest
import pytest_asyncio


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def db():
    conn = await aiosqlite.connect(":memory:")
    await conn.execute("CREATE TABLE users (name TEXT)")
    await conn.executemany("INSERT INTO users VALUES (?)", [("ada",), ("bob",)])
    yield conn
    await conn.close()


async def test_count(db):
    async with db.execute("SELECT count(*) FROM users") as cur:
        assert (await cur.fetchone())[0] == 2


async def test_names(db):
    async with db.execute("SELECT name FROM users ORDER BY name") as cur:
        assert [r[0] for r in await cur.fetchall()] == ["ada", "bob"]
