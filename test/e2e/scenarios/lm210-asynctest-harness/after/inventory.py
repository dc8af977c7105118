"""A stock keeper in front of an async storage backend."""
import asyncio


def audit(sku, count):
    print(f"reserved {count} x {sku}")


class Inventory:
    def __init__(self, backend):
        self.backend = backend
        self.reserved = {}
        self.closed = False
        self._lock = None

    async def open(self):
        self._lock = asyncio.Lock()

    async def reserve(self, sku, count):
        async with self._lock:
            stock = await self.backend.fetch(sku)
            if stock < count:
                raise ValueError(f"only {stock} x {sku} left")
            await self.backend.store(sku, stock - count)
            self.reserved[sku] = self.reserved.get(sku, 0) + count
        audit(sku, count)

    async def release_all(self):
        async with self._lock:
            self.reserved.clear()

    async def close(self):
        await asyncio.sleep(0)
        self.closed = True
