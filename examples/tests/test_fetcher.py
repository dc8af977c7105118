import asyncio

from legacy_app.fetcher import count_all, count_words


def test_count_words():
    loop = asyncio.get_event_loop()
    assert loop.run_until_complete(count_words("a b c")) == 3


def test_count_all():
    result = asyncio.get_event_loop().run_until_complete(count_all(["x y", "z"]))
    assert result == {"x y": 2, "z": 1}
