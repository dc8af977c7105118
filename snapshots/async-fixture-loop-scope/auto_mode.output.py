# snapshot: --asyncio-mode auto
import pytest
import pytest_asyncio


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def client():
    yield object()


@pytest.fixture
async def per_test():
    return 1
