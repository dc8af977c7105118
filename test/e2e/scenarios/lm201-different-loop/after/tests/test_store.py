async def test_set(store):
    assert await store.call("SET", "colour", "blue") == "OK"


async def test_get(store):
    assert await store.call("GET", "colour") == "blue"
