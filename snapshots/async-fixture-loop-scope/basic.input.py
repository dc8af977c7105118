import pytest_asyncio
from pytest_asyncio import fixture


@pytest_asyncio.fixture(scope="session")
async def db():
    yield object()


@pytest_asyncio.fixture(scope="module", autouse=True,)
async def seeded(db):
    return db


@fixture(scope="package")
async def cache():
    return {}
