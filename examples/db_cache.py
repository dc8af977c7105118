"""A cached async engine and a module-level session factory (LM303, field report 4).

Every `asyncio.run()` (and every pytest-asyncio test loop) reuses the first loop's pooled connections;
they are never closed.
"""
import asyncio
from functools import lru_cache

from sqlalchemy import text
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine


@lru_cache
def get_engine():
    return create_async_engine("sqlite+aiosqlite:///example.db")


SessionLocal = async_sessionmaker(get_engine(), expire_on_commit=False)


async def answer():
    async with SessionLocal() as session:
        return (await session.execute(text("select 42"))).scalar_one()


if __name__ == "__main__":
    print(asyncio.run(answer()))
    print(asyncio.run(answer()))
