import pytest


@pytest.mark.anyio
async def test_one(counter):
    async with counter["lock"]:
        counter["n"] += 1


@pytest.mark.anyio
async def test_two(counter):
    async with counter["lock"]:
        counter["n"] += 1
    assert counter["n"] == 2
