import asyncio
import inspect


async def handler():
    pass


def plain():
    pass


def test_both_apis_agree():
    # Compared on purpose while both APIs exist: a rewrite must not make this a tautology.
    for f in (handler, plain):
        assert asyncio.iscoroutinefunction(f) == inspect.iscoroutinefunction(f)
