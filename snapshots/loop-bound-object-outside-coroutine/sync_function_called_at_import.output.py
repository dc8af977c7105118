import aiohttp


class Client:
    def __init__(self):
        self.session = aiohttp.ClientSession()


def make_session():
    return aiohttp.ClientSession()


shared = make_session()
client = Client()

if __name__ == "__main__":
    jar = aiohttp.CookieJar()
