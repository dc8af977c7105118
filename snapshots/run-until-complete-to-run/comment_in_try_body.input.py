import asyncio

async def main():
    print("body comment")

if __name__ == "__main__":
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(main())
        # report success
        print("ok")
    finally:
        loop.close()
