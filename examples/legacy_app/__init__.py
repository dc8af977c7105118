"""A small application written for Python 3.6-era asyncio, before asyncio.run() existed."""
