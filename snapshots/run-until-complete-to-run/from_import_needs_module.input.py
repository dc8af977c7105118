"""A script that only imported get_event_loop."""
from asyncio import get_event_loop


async def main():
    pass


get_event_loop().run_until_complete(main())
