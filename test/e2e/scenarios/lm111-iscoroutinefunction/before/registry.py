import asyncio

HANDLERS = {}


def register(func):
    HANDLERS[func.__name__] = ("async" if asyncio.iscoroutinefunction(func) else "sync", func)
    return func


@register
async def on_message(text):
    return text.upper()


@register
def on_ping():
    return "pong"


async def main():
    for name, (kind, func) in sorted(HANDLERS.items()):
        result = await func("hi") if kind == "async" else func()
        print(name, kind, result)


if __name__ == "__main__":
    asyncio.run(main())
