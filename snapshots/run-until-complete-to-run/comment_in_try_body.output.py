import asyncio

async def main():
    print("body comment")

if __name__ == "__main__":
    asyncio.run(main())
    # report success
    print("ok")
