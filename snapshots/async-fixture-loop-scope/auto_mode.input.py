# snapshot: --asyncio-mode auto
import pytest


@pytest.fixture(scope="session")
async def client():
    yield object()


@pytest.fixture
async def per_test():
    return 1
