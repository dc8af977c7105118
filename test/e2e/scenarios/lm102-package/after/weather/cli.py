import asyncio

from weather.sources import report


def main():
    result = asyncio.run(report(["oslo", "lima"]))
    for city, temp in result.items():
        print(f"{city} {temp:+d}C")
