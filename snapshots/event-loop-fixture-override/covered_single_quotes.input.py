# snapshot: --unsafe-fixes --loop-scope module
import pytest


@pytest.mark.asyncio
async def test_one():
    assert 'a' != 'b'
