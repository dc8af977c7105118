import asyncio

import pytest


@pytest.mark.asyncio(loop_scope="session")
async def test_apple(db):
    assert await db.fetch("apple") == 3


@pytest.mark.asyncio(loop_scope="session")
async def test_running_loop(db):
    loop = asyncio.get_running_loop()
    assert loop.is_running()


async def test_plain():
    await asyncio.sleep(0)


def test_name(loop_name):
    assert loop_name == "event_loop"
