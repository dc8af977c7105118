import asyncio

import asynctest

from limiter import RateLimiter


class LimiterTest(asynctest.ClockedTestCase):
    async def test_refill(self):
        limiter = RateLimiter(rate=1)
        await limiter.acquire()
        await self.advance(1)
        self.assertTrue(limiter.ready())
