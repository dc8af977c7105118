import functools
from functools import lru_cache
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine, AsyncSession
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import NullPool


@lru_cache
def get_engine():
    return create_async_engine("sqlite+aiosqlite:///app.db")


@functools.lru_cache(maxsize=1)
def get_client():
    import aiohttp
    client = aiohttp.ClientSession()
    return client


@lru_cache
def get_settings():
    return {"a": 1}


SessionLocal = async_sessionmaker(get_engine(), expire_on_commit=False)
engine = create_async_engine("sqlite+aiosqlite:///x.db")
Legacy = sessionmaker(bind=engine, class_=AsyncSession)
nullengine = create_async_engine("sqlite+aiosqlite:///x.db", poolclass=NullPool)
Fine = async_sessionmaker(nullengine)
