import asyncio

import pytest


@pytest.mark.asyncio
async def test_sleep():
    await asyncio.sleep(0)


@pytest.mark.asyncio
async def test_loop_running():
    assert asyncio.get_running_loop().is_running()
