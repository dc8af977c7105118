import aiosqlite

_conn = None


async def init(path):
    global _conn
    _conn = await aiosqlite.connect(path)
    await _conn.execute("CREATE TABLE IF NOT EXISTS kv (k TEXT PRIMARY KEY, v TEXT)")


async def close():
    global _conn
    await _conn.close()
    _conn = None


def connection():
    return _conn
