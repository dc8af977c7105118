import asyncio

import pytest


def test_add():
    assert 1 + 1 == 2


@pytest.mark.asyncio
async def test_sleep():
    await asyncio.sleep(0)
