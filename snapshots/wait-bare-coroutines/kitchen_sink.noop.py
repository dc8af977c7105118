# Look-alikes LM109 must leave alone.
import asyncio
import concurrent.futures


async def fetch(n):
    return n


async def already_tasks(loop):
    tasks = [asyncio.create_task(fetch(n)) for n in range(3)]
    done, _ = await asyncio.wait(tasks)
    done, _ = await asyncio.wait([asyncio.create_task(fetch(1)), loop.create_task(fetch(2))])
    done, _ = await asyncio.wait([asyncio.ensure_future(fetch(3))])
    return done


def wait(items):
    return items


async def other_waits(pool, condition):
    # Our own wait, concurrent.futures.wait, an object's wait method.
    wait([fetch(1)])
    concurrent.futures.wait([pool.submit(print)])
    await condition.wait()


async def shadowed(asyncio):
    # `asyncio` is a parameter here, not the module.
    await asyncio.wait([fetch(1)])


text = "asyncio.wait([fetch(1)])"
# asyncio.wait([fetch(1)])
