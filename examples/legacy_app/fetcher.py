"""Fetch word counts for a list of documents, in a thread pool, from coroutines."""
import asyncio
from concurrent.futures import ThreadPoolExecutor

_POOL = ThreadPoolExecutor(max_workers=2)


def _count_words(text):
    return len(text.split())


async def count_words(text):
    # Blocking work goes to the pool; the loop is the one running this coroutine.
    loop = asyncio.get_event_loop()
    return await loop.run_in_executor(_POOL, _count_words, text)


async def count_all(texts):
    results = await asyncio.gather(*(count_words(t) for t in texts))
    return dict(zip(texts, results))


async def deadline_in(seconds):
    return asyncio.get_event_loop().time() + seconds
