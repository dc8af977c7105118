import pytest


@pytest.mark.asyncio(scope="module", loop_scope="module")
async def test_both():
    pass
