import asyncio

import pytest
import pytest_asyncio


@pytest_asyncio.fixture(scope="session")
async def pool():
    return {"loop": asyncio.get_running_loop(), "lock": asyncio.Lock()}


@pytest.mark.asyncio
async def test_one(pool):
    async with pool["lock"]:
        assert pool["loop"] is asyncio.get_running_loop()


@pytest.mark.asyncio
async def test_two(pool):
    async with pool["lock"]:
        assert pool["loop"] is asyncio.get_running_loop()
