import asyncio

import pytest


class Store:
    def __init__(self):
        self.loop = asyncio.get_running_loop()
        self.items = {}

    async def put(self, key, value):
        await asyncio.sleep(0)
        self.items[key] = value


@pytest.fixture
@pytest.mark.asyncio
async def store():
    s = Store()
    await s.put("a", 1)
    yield s
    s.items.clear()


@pytest.mark.asyncio(loop_scope="module")
@pytest.fixture(scope="module")
async def shared_store():
    return Store()


@pytest.mark.asyncio
async def test_put(store):
    await store.put("b", 2)
    assert store.items == {"a": 1, "b": 2}
    assert store.loop is asyncio.get_running_loop()


@pytest.mark.asyncio(loop_scope="module")
async def test_shared(shared_store):
    await shared_store.put("c", 3)
    assert shared_store.loop is asyncio.get_running_loop()
