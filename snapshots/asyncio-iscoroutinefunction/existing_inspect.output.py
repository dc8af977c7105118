# snapshot: --unsafe-fixes
import inspect as insp


def kinds(fn):
    # An existing `import inspect as insp` is reused; the submodule spelling is found too.
    return (
        insp.iscoroutinefunction(fn), insp.iscoroutinefunction(fn), insp.isfunction(fn)
    )
