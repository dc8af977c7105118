import asyncio

import pytest

_cache = {}


@pytest.mark.asyncio(scope="module")
async def test_fill():
    _cache["loop"] = asyncio.get_running_loop()


@pytest.mark.asyncio(scope="module")
async def test_same_loop():
    assert asyncio.get_running_loop() is _cache["loop"]
