import pytest


@pytest.mark.asyncio
async def test_apples(store):
    assert await store.count("apple") == 3


@pytest.mark.asyncio(scope="session")
async def test_pears(store):
    assert await store.count("pear") == 5


def test_unknown_item(event_loop, store):
    assert event_loop.run_until_complete(store.count("plum")) == 0
