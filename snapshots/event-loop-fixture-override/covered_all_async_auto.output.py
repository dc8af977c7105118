# snapshot: --unsafe-fixes --loop-scope session --asyncio-mode auto
"""Tests of the shop's database."""
import asyncio

import pytest

from shop.db import Database

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def test_empty():
    assert await Database({}).fetch("x") is None


async def test_sleep():
    await asyncio.sleep(0)


class TestQueries:
    async def test_one(self):
        assert await Database({}).fetch("one")

    async def test_two(self):
        assert await Database({}).fetch("two")
