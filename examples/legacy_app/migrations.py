"""Schema migrations applied step by step on one event loop: `python -m legacy_app.migrations`.

The connection belongs to the loop that opened it, so the steps cannot each get a fresh loop.
"""
import asyncio


class Connection:
    """Stands in for a database driver's connection, which is bound to the loop that opened it."""

    def __init__(self):
        self.loop = asyncio.get_running_loop()
        self.applied = []


async def connect():
    await asyncio.sleep(0)
    return Connection()


async def apply(conn, step):
    if asyncio.get_running_loop() is not conn.loop:
        raise RuntimeError("connection used from another event loop")
    await asyncio.sleep(0)
    conn.applied.append(step)


def migrate(steps):
    loop = asyncio.get_event_loop()
    try:
        conn = loop.run_until_complete(connect())
        for step in steps:
            loop.run_until_complete(apply(conn, step))
    finally:
        loop.close()
    return conn.applied


if __name__ == "__main__":
    print(migrate(["create users", "add email index"]))
