# snapshot: --unsafe-fixes --loop-scope module
import pytest


@pytest.mark.asyncio(loop_scope='module')
async def test_one():
    assert 'a' != 'b'
