import asyncio

from app.client import Client

loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
client = Client()
print("same loop:", client.loop is loop)
client.ping()
print(loop.run_until_complete(client.reply()))
loop.close()
