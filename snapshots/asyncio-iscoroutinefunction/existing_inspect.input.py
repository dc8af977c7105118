# snapshot: --unsafe-fixes
import asyncio
import inspect as insp
from asyncio import coroutines


def kinds(fn):
    # An existing `import inspect as insp` is reused; the submodule spelling is found too.
    return asyncio.iscoroutinefunction(fn), coroutines.iscoroutinefunction(fn), insp.isfunction(fn)
