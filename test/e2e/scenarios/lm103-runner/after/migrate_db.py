"""Set up shared state in one step, use it in the next: both steps need the same loop."""
import asyncio

state = {}


async def connect():
    state["jobs"] = asyncio.Queue()
    for n in (1, 2, 3):
        state["jobs"].put_nowait(n)
    print("connected")


async def drain():
    queue = state["jobs"]
    total = 0
    while not queue.empty():
        total += await queue.get()
    # The queue's getters are bound to the loop that first waited on it: same loop, same queue.
    waiter = asyncio.create_task(queue.get())
    await asyncio.sleep(0)
    queue.put_nowait(10)
    total += await waiter
    print("drained", total)


if __name__ == "__main__":
    with asyncio.Runner() as runner:
        runner.run(connect())
        runner.run(drain())
