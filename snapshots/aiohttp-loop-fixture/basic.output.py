# snapshot: --pytest-aiohttp --asyncio-mode auto
import asyncio

import pytest
from aiohttp import web


def make_app(loop=None):
    app = web.Application()
    app["loop"] = loop
    return app


@pytest.fixture
async def client(aiohttp_client):
    loop = asyncio.get_running_loop()
    return await aiohttp_client(make_app(loop=loop))


async def test_index(client):
    """The app answers on the loop the test runs in."""
    loop = asyncio.get_running_loop()
    resp = await client.get("/")
    assert resp.status == 404
    assert client.app["loop"] is loop


async def test_no_use(client):
    await asyncio.sleep(0)


def test_sync(loop):
    assert loop.run_until_complete(asyncio.sleep(0, 1)) == 1


def helper(loop):
    return loop
