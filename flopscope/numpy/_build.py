"""Shared by ``flopscope.numpy`` and its submodules: copy a counted namespace in."""

from __future__ import annotations

import functools

from flopscope.runtime.namespace import CountedNamespace, build

_SKIP = {"__name__", "__doc__", "__spec__", "__loader__", "__package__", "__path__", "__file__"}


@functools.lru_cache(maxsize=None)
def public() -> CountedNamespace:
    """The counted namespace behind ``flopscope.numpy`` (results wrapped)."""
    return build("flopscope.numpy", wrap=True)


def export(module_globals: dict, namespace: CountedNamespace) -> None:
    """Copy the public names of ``namespace`` into a module's globals."""
    for name, value in vars(namespace).items():
        if name in _SKIP or name.startswith("_fs_") or isinstance(value, CountedNamespace):
            continue
        module_globals[name] = value
