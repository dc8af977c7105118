import httpx
import aiohttp
from fastapi import FastAPI

http = aiohttp.ClientSession()
app = FastAPI()
