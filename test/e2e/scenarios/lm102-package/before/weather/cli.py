import asyncio

from weather.sources import report


def main():
    loop = asyncio.get_event_loop()
    result = loop.run_until_complete(report(["oslo", "lima"]))
    loop.close()
    for city, temp in result.items():
        print(f"{city} {temp:+d}C")
