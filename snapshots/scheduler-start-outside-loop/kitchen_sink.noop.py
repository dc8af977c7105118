# Every shape LM301 must leave alone.
import asyncio
import threading
from contextlib import asynccontextmanager

import pytest_asyncio
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.schedulers.background import BackgroundScheduler
from fastapi import FastAPI

# Another scheduler class: starts its own thread, no loop needed.
background = BackgroundScheduler()
background.start()

# An explicit event loop: start() does not look for a running one.
loop = asyncio.new_event_loop()
explicit = AsyncIOScheduler(event_loop=loop)
explicit.start()

# Strings and comments: scheduler.start() AsyncIOScheduler().start()
doc = "AsyncIOScheduler().start()"

scheduler = AsyncIOScheduler()


async def main():
    # Inside a coroutine the loop is running.
    scheduler.start()
    await asyncio.Event().wait()


@asynccontextmanager
async def lifespan(app):
    scheduler.start()
    yield
    scheduler.shutdown()


app = FastAPI(lifespan=lifespan)


@app.on_event("startup")
def on_startup():
    # Starlette calls startup handlers on the server's loop.
    scheduler.start()


def helper():
    # Only called from a coroutine.
    scheduler.start()


async def runner():
    helper()


def never_called_here():
    scheduler.start()


@pytest_asyncio.fixture
async def started():
    scheduler.start()
    yield scheduler


class AsyncIOScheduler2:
    def start(self):
        pass


AsyncIOScheduler2().start()
threading.Thread(target=lambda: scheduler.start())
