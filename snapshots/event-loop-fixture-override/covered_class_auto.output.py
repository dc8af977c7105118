# snapshot: --unsafe-fixes --loop-scope module --asyncio-mode auto
import pytest

from shop.db import Database


def test_sync():
    assert Database


@pytest.mark.asyncio(loop_scope="module")
class TestQueries:
    async def test_one(self):
        assert await Database({}).fetch("one")

    async def test_two(self):
        assert await Database({}).fetch("two")


class TestMixed:
    @pytest.mark.asyncio(loop_scope="module")
    async def test_three(self):
        assert await Database({}).fetch("three")

    def test_sync(self):
        assert True
