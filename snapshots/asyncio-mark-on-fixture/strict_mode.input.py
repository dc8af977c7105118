# snapshot: --unsafe-fixes
import asyncio

import pytest
import pytest_asyncio


@pytest.fixture
@pytest.mark.asyncio
async def resource():
    await asyncio.sleep(0)
    yield 1


@pytest.mark.asyncio(loop_scope="module")
@pytest.fixture(scope="module")
async def shared():
    return 2


@pytest_asyncio.fixture  # already pytest-asyncio's
@pytest.mark.asyncio
async def tracked():
    return 3


@pytest.fixture
@pytest.mark.asyncio
def plain():
    return 4


@pytest.mark.asyncio
async def test_it(resource, shared, tracked, plain):
    assert resource + shared + tracked + plain == 10
