# Look-alikes LM108 must leave alone.
import asyncio


class Task:
    @classmethod
    def all_tasks(cls):
        return []


async def modern():
    # Already the module functions.
    return asyncio.all_tasks(), asyncio.current_task()


async def own_class():
    # A class of our own named Task.
    return Task.all_tasks()


async def other_objects(scheduler, asyncio):
    # Another object's method, and `asyncio` as a parameter.
    return scheduler.all_tasks(), asyncio.Task.all_tasks()


text = "asyncio.Task.all_tasks()"
# asyncio.Task.current_task()
