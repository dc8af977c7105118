import asyncio

import pytest_asyncio


class Pool:
    def __init__(self):
        self.lock = asyncio.Lock()
        self.loop = asyncio.get_running_loop()

    async def query(self, q):
        async with self.lock:
            assert asyncio.get_running_loop() is self.loop
            return q


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def pool():
    return Pool()


async def test_select(pool):
    assert await pool.query("select") == "select"


async def test_insert(pool):
    assert await pool.query("insert") == "insert"


class TestUpdates:
    async def test_update(self, pool):
        assert await pool.query("update") == "update"
