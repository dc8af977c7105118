import pytest_asyncio
from pytest_asyncio import fixture


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def db():
    yield object()


@pytest_asyncio.fixture(scope="module", autouse=True, loop_scope="module",)
async def seeded(db):
    return db


@fixture(scope="package", loop_scope="package")
async def cache():
    return {}
