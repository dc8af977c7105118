import pytest
from apscheduler.schedulers.asyncio import AsyncIOScheduler


@pytest.fixture
def scheduler():
    s = AsyncIOScheduler()
    s.start()
    yield s
    s.shutdown()
