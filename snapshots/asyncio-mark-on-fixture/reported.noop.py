import pytest


@pytest.fixture
@pytest.mark.asyncio(loop_scope=SCOPE)
async def computed_scope():
    return 1


@pytest.fixture
@pytest.mark.asyncio(loop_scope="module", reason="x")
async def more_arguments():
    return 2


@pytest.mark.asyncio
async def test_not_a_fixture():
    pass
