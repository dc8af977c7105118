# snapshot: --unsafe-fixes
import asyncio

from app.tasks import main


if __name__ == "__main__":
    asyncio.run(main())
