"""Hash blobs in a thread pool from a coroutine, started the pre-3.7 way."""
import asyncio
import hashlib

BLOBS = [b"alpha", b"beta"]


def digest(blob):
    return hashlib.sha256(blob).hexdigest()[:8]


async def hash_all(blobs):
    loop = asyncio.get_event_loop()
    return await asyncio.gather(*(loop.run_in_executor(None, digest, b) for b in blobs))


async def main():
    done = asyncio.get_event_loop().create_future()
    asyncio.get_event_loop().call_soon(done.set_result, "scheduled")
    print(await done)
    for blob, h in zip(BLOBS, await hash_all(BLOBS)):
        print(blob.decode(), h)


if __name__ == "__main__":
    loop = asyncio.get_event_loop()
    loop.run_until_complete(main())
    loop.close()
