"""Test helpers in the style of Tortoise ORM's tortoise.contrib.test (field report 1)."""
import asyncio

from minidb import db


def initializer(path=":memory:", loop=None):
    loop = loop or asyncio.get_event_loop()
    loop.run_until_complete(db.init(path))
    return loop


def finalizer(loop):
    loop.run_until_complete(db.close())
