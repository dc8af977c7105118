"""Test helpers in the style of Tortoise ORM's tortoise.contrib.test (field report 1)."""
import asyncio

from minidb import db


def initializer(path=":memory:", loop=None):
    if loop is None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
    loop.run_until_complete(db.init(path))
    return loop


def finalizer(loop):
    loop.run_until_complete(db.close())
