# A local class named AsyncIOScheduler is not APScheduler's.
class AsyncIOScheduler:
    def start(self):
        pass


AsyncIOScheduler().start()
s = AsyncIOScheduler()
s.start()
