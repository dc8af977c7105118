# Every shape LM303 must leave alone.
from functools import lru_cache

from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import NullPool


# Cached, but not a loop-bound resource.
@lru_cache
def settings():
    return {"url": "sqlite+aiosqlite:///app.db"}


# A loop-bound resource, but not cached.
def make_engine():
    return create_async_engine(settings()["url"])


# NullPool keeps no connections, so sharing the engine across loops is fine.
@lru_cache
def null_engine():
    return create_async_engine("sqlite+aiosqlite:///app.db", poolclass=NullPool)


Shared = async_sessionmaker(null_engine())

# A synchronous session factory.
SyncSession = sessionmaker(bind=None)


async def per_loop():
    engine = make_engine()
    factory = async_sessionmaker(engine)
    async with factory() as session:
        await session.close()
    await engine.dispose()


# Strings and comments: @lru_cache create_async_engine() async_sessionmaker(engine)
doc = "async_sessionmaker(get_engine())"


def lru_cache_like(fn):
    return fn


@lru_cache_like
def engine_factory():
    return create_async_engine("sqlite+aiosqlite:///app.db")
