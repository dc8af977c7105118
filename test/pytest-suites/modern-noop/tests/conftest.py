import asyncio

import pytest
import pytest_asyncio

from shop.db import Database


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def db():
    database = await Database({"apple": 3}).connect()
    yield database
    await database.close()


@pytest.fixture
def loop_name():
    # Not the event_loop fixture: a plain value that mentions it.
    return "event_loop"


def scheduler(event_loop):
    """A helper, not a fixture: its event_loop parameter is the caller's business."""
    return event_loop
