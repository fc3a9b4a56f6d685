"""Shared by ``flopscope.numpy`` and its submodules: copy a counted namespace in."""

from __future__ import annotations

import functools

from flopscope.runtime.namespace import CountedNamespace, build

@functools.lru_cache(maxsize=None)
def public() -> CountedNamespace:
    """The counted namespace behind ``flopscope.numpy`` (results wrapped)."""
    return build("flopscope.numpy", wrap=True)


def export(module_globals: dict, namespace: CountedNamespace) -> None:
    """Give a module the public names of ``namespace``, made lazily on first access.

    Installs a module ``__getattr__``/``__dir__`` that fetch from the namespace and
    cache the result; ``__all__`` (what a star import binds) is computed on demand.
    """

    def __getattr__(name):
        if name == "__all__":  # ``from flopscope.numpy import *``
            return [n for n in __dir__() if not n.startswith("_")]
        value = getattr(namespace, name)
        if not name.startswith("__"):
            module_globals[name] = value
        return value

    def __dir__():
        return sorted(set(dir(namespace)) | {n for n in module_globals if not n.startswith("_")})

    module_globals["__getattr__"] = __getattr__
    module_globals["__dir__"] = __dir__
