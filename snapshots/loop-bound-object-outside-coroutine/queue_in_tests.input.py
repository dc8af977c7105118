import asyncio

import httpx
import pytest

events = asyncio.Event()
client = httpx.AsyncClient()


@pytest.mark.asyncio
async def test_one():
    events.set()
    await client.get("http://localhost")


@pytest.mark.asyncio
async def test_two():
    await events.wait()
