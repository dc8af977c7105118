#!/usr/bin/env python3
"""A one-off script: print a word-count report."""
from asyncio import get_event_loop

from legacy_app.fetcher import count_all


async def report():
    counts = await count_all(["the quick brown fox", "jumps"])
    return sum(counts.values())


print("total words:", get_event_loop().run_until_complete(report()))
