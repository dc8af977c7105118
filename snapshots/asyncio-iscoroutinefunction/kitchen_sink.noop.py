# Look-alikes LM111 must leave alone.
import asyncio
import inspect


def modern(fn):
    return inspect.iscoroutinefunction(fn)


def coroutine_objects(obj):
    # iscoroutine (objects, not functions) is not deprecated.
    return asyncio.iscoroutine(obj)


class Registry:
    def iscoroutinefunction(self, fn):
        return False

    def check(self, fn):
        return self.iscoroutinefunction(fn)


def iscoroutinefunction(fn):
    return False


def own(fn):
    return iscoroutinefunction(fn)


def shadowed(asyncio, fn):
    # `asyncio` is a parameter here, not the module.
    return asyncio.iscoroutinefunction(fn)


def keyword(fn):
    return dict(iscoroutinefunction=fn)


text = "asyncio.iscoroutinefunction(f)"
# asyncio.iscoroutinefunction(f)
