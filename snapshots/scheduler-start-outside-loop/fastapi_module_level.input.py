from fastapi import FastAPI
from apscheduler.schedulers.asyncio import AsyncIOScheduler

scheduler = AsyncIOScheduler()
scheduler.start()
app = FastAPI(title="jobs")


@app.on_event("startup")
def startup():
    scheduler.start()
