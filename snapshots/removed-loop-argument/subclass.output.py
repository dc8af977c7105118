# snapshot: --unsafe-fixes
import asyncio
from asyncio import Lock


class JobQueue(asyncio.Queue):
    def __init__(self, maxsize=0, *, loop=None):
        # The base class no longer takes the loop; the subclass may keep accepting it.
        super().__init__(maxsize)


class NamedLock(Lock):
    def __init__(self, name, loop=None):
        Lock.__init__(self)
        self.name = name


class Unrelated(dict):
    def __init__(self, loop=None):
        super().__init__(loop=loop)
