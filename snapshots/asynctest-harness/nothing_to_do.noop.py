"""Migrated from asynctest (asynctest.TestCase became unittest.IsolatedAsyncioTestCase)."""
import unittest
from unittest import mock

from .asynctest import helpers  # the project's own module of that name


class ClientTest(unittest.IsolatedAsyncioTestCase):
    async def asyncSetUp(self):
        self.client = mock.AsyncMock()
        self.asynctest = helpers.make()

    async def test_fetch(self):
        # asynctest.CoroutineMock() used to be here
        await self.client.fetch()
        self.client.fetch.assert_awaited_once()
