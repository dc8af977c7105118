import aiohttp
from aiohttp import ClientSession as CS, web

session = aiohttp.ClientSession()
connector = aiohttp.TCPConnector(limit=10)
jar = aiohttp.CookieJar(unsafe=True)
resolver = aiohttp.ThreadedResolver()
server = web.Server(lambda request: None)
other = CS()
