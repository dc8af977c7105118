# Every shape LM302 must leave alone.
import asyncio
from contextlib import asynccontextmanager

import aiohttp
import httpx
import pytest_asyncio
from fastapi import FastAPI

# Strings and comments: aiohttp.ClientSession()
doc = "session = aiohttp.ClientSession()"

# Objects that do not need a running loop at creation.
timeout = aiohttp.ClientTimeout(total=5)
application = aiohttp.web.Application()
client = httpx.Client()

# Module-level asyncio primitives in a module that runs a single loop.
queue = asyncio.Queue()


async def main():
    async with aiohttp.ClientSession() as session:
        await queue.put(session)


def make_session():
    # Only called from coroutines: the loop runs.
    return aiohttp.ClientSession()


async def use():
    session = make_session()
    await session.close()


@asynccontextmanager
async def lifespan(app):
    app.state.session = aiohttp.ClientSession()
    yield
    await app.state.session.close()


app = FastAPI(lifespan=lifespan)


@app.on_event("startup")
def startup():
    app.state.jar = aiohttp.CookieJar()


@pytest_asyncio.fixture
async def session():
    async with aiohttp.ClientSession() as s:
        yield s


def factory():
    return aiohttp.TCPConnector()


callback = lambda: aiohttp.ClientSession()


class ClientSession:
    pass


local = ClientSession()

asyncio.run(main())

# An explicit loop: aiohttp uses it instead of looking for a running one.
legacy_loop = asyncio.new_event_loop()
legacy_session = aiohttp.ClientSession(loop=legacy_loop)
