import asyncio
from asyncio.coroutines import _is_coroutine


class Wrapper:
    def __init__(self, fn):
        self.fn = fn
        self._is_coroutine = _is_coroutine


def is_async(fn):
    return asyncio.iscoroutinefunction(fn)
