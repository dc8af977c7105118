"""A script that only imported get_event_loop."""
import asyncio


async def main():
    pass


asyncio.run(main())
