import pytest

pytestmark = pytest.mark.anyio


async def test_publish(feed):
    await feed.publish("a")
    assert await feed.next() == "a"


async def test_order(feed):
    await feed.publish("b")
    await feed.publish("c")
    assert [await feed.next(), await feed.next()] == ["b", "c"]
