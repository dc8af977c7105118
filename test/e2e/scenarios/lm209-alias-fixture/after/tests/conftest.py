import asyncio

import pytest


@pytest.fixture
async def loop():
    return asyncio.get_running_loop()
