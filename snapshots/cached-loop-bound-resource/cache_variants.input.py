import functools
from functools import cache, lru_cache as memo

import aiohttp
import httpx
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from redis import asyncio as aioredis


@cache
def http_client():
    return httpx.AsyncClient()


@functools.cache
def scheduler():
    return AsyncIOScheduler()


@memo(maxsize=None)
def redis():
    client = aioredis.from_url("redis://localhost")
    return client


@functools.lru_cache
async def session():
    return aiohttp.ClientSession()
