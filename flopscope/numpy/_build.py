"""Shared by ``flopscope.numpy`` and its submodules: copy a counted namespace in."""

from __future__ import annotations

import functools

from flopscope.runtime.namespace import CountedNamespace, build


@functools.lru_cache(maxsize=None)
def public() -> CountedNamespace:
    """The counted namespace behind ``flopscope.numpy`` (results wrapped)."""
    return build("flopscope.numpy", wrap=True)


def _cost_helpers(prefix: str) -> dict:
    """``{"svd_cost": accounting.svd_cost, ...}`` for the operations under ``prefix``."""
    from flopscope import accounting
    from flopscope.runtime import registry

    return {name: getattr(accounting, name) for name in dir(accounting)
            if name.endswith("_cost") and registry.find(f"{prefix}.{name[:-5]}")}


def export(module_globals: dict, namespace: CountedNamespace, cost_prefix: str = "") -> None:
    """Give a module the public names of ``namespace``, made lazily on first access.

    Installs a module ``__getattr__``/``__dir__`` that fetch from the namespace and
    cache the result; ``__all__`` (what a star import binds) is computed on demand.
    With ``cost_prefix`` (``"linalg"``), the module also offers the ``*_cost`` queries
    of ``flopscope.accounting`` for its operations (``fnp.linalg.svd_cost``).
    """
    helpers = {}

    def __getattr__(name):
        if name == "__all__":  # ``from flopscope.numpy import *``
            return [n for n in __dir__() if not n.startswith("_")]
        if cost_prefix and name.endswith("_cost"):
            if not helpers:
                helpers.update(_cost_helpers(cost_prefix))
            if name in helpers:
                module_globals[name] = helpers[name]
                return helpers[name]
        value = getattr(namespace, name)
        if not name.startswith("__"):
            module_globals[name] = value
        return value

    def __dir__():
        names = set(dir(namespace)) | {n for n in module_globals if not n.startswith("_")}
        if cost_prefix:
            names.update(_cost_helpers(cost_prefix))
        return sorted(names)

    module_globals["__getattr__"] = __getattr__
    module_globals["__dir__"] = __dir__
