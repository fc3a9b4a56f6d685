"""Build counted NumPy namespaces from the registry.

The same builder makes the public ``flopscope.numpy`` (results wrapped as counted
arrays) and the namespace that code rewritten by ``flopscope run`` sees in place of
``numpy`` (results left plain). A name is exposed as:

* a counted or free callable, when the registry has a rule for it;
* NumPy's own object, when it does no numerical work (dtypes, constants, ``errstate``,
  ``finfo`` ...), see :func:`is_passthrough`;
* otherwise attribute access raises ``AttributeError``: blocked operations say why,
  unknown ones say flopscope cannot price them and suggest close matches.
"""

from __future__ import annotations

import difflib
import importlib
import types

from flopscope.errors import BlockedOperationError, UnsupportedFunctionError
from flopscope.runtime import registry
from flopscope.runtime.calls import make_callable

# NumPy classes that do numerical work of their own, or touch files: never handed out.
REFUSED_TYPES = {
    "matrix": "np.matrix overloads * as a matrix product; use 2-D arrays and @",
    "memmap": "file-backed arrays are I/O; flopscope does not allow file access",
    "ufunc": "constructing ufuncs directly bypasses cost accounting",
}

# Harmless callables that are not dtypes/classes: printing and error-state helpers.
PASSTHROUGH_CALLABLES = frozenset({
    "set_printoptions", "get_printoptions", "printoptions",
})
# NumPy submodules handed out as they are: assertions, type hints, exception types.
PASSTHROUGH_MODULES = frozenset({"testing", "typing", "exceptions", "dtypes"})


def is_passthrough(name: str, value) -> bool:
    """True if ``numpy.<name>`` can be handed out as is: it does no counted work."""
    if name.startswith("_") or name in REFUSED_TYPES:
        return False
    if isinstance(value, types.ModuleType):
        return name in PASSTHROUGH_MODULES
    if isinstance(value, type):
        return True  # dtypes, ndarray, errstate, finfo, iinfo, exceptions ...
    if name in PASSTHROUGH_CALLABLES:
        return True
    return not callable(value)  # constants: pi, e, inf, nan, newaxis ...


class CountedNamespace(types.ModuleType):
    """A module whose callables are counted versions of ``numpy.<prefix>``'s.

    Attributes are made on first access and then cached, so importing costs nothing
    per operation.
    """

    def __init__(self, name: str, prefix: str, wrap: bool,
                 submodules: dict | None = None, overrides=None):
        super().__init__(name, f"Counted ``numpy{'.' + prefix if prefix else ''}``.")
        self.__dict__["_fs_prefix"] = prefix
        self.__dict__["_fs_wrap"] = wrap
        # overrides(wrap) -> {name: object}: hand-made counted objects (e.g. counted
        # Generator classes) that take precedence; called lazily, on first lookup.
        self.__dict__["_fs_overrides"] = overrides
        for sub_name, sub in (submodules or {}).items():
            self.__dict__[sub_name] = sub

    def __getattr__(self, attr: str):
        if attr == "_fs_numpy":
            # The NumPy module behind this namespace, imported on first use (numpy.random,
            # for one, costs ~8 ms). The name is one containment refuses to user code.
            prefix = self.__dict__["_fs_prefix"]
            module = importlib.import_module(f"numpy.{prefix}" if prefix else "numpy")
            self.__dict__["_fs_numpy"] = module
            return module
        overrides = self.__dict__["_fs_overrides"]
        if overrides is not None:
            if callable(overrides):
                overrides = overrides(self.__dict__["_fs_wrap"])
                self.__dict__["_fs_overrides"] = overrides
            if attr in overrides:
                self.__dict__[attr] = overrides[attr]
                return overrides[attr]
        prefix = self.__dict__["_fs_prefix"]
        op_name = f"{prefix}.{attr}" if prefix else attr
        rule_ = registry.find(op_name)
        if rule_ is not None and rule_.impl is not None and rule_.kind != registry.BLOCKED:
            value = make_callable(rule_, wrap=self.__dict__["_fs_wrap"], label=op_name)
            self.__dict__[attr] = value
            return value
        if rule_ is not None and rule_.kind == registry.BLOCKED:
            raise BlockedOperationError(op_name, rule_.reason)
        numpy_module = self._fs_numpy
        value = getattr(numpy_module, attr, _MISSING)
        if value is not _MISSING and is_passthrough(attr, value):
            self.__dict__[attr] = value
            return value
        shown = f"numpy.{op_name}"
        if attr.startswith("_"):
            # Private and dunder probes (hasattr checks by libraries) are frequent: no
            # close-match suggestions for them, which would scan every name.
            if value is _MISSING or attr.startswith("__"):
                raise AttributeError(f"module {self.__name__!r} has no attribute {attr!r}")
            raise UnsupportedFunctionError(
                f"{shown} is private to NumPy and has no cost model in flopscope")
        if attr in REFUSED_TYPES:
            raise UnsupportedFunctionError(f"{shown} is not available: {REFUSED_TYPES[attr]}")
        close = difflib.get_close_matches(attr, self.__dir__(), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        if value is not _MISSING:
            raise UnsupportedFunctionError(
                f"{shown} has no cost model in flopscope, so it cannot be used "
                f"(it would run uncounted){hint}"
            )
        raise AttributeError(f"module {self.__name__!r} has no attribute {attr!r}{hint}")

    def __dir__(self):
        prefix = self.__dict__["_fs_prefix"]
        names = {n for n in self.__dict__ if not n.startswith("_fs_")}
        overrides = self.__dict__["_fs_overrides"]
        if overrides is not None:
            names.update(overrides(self.__dict__["_fs_wrap"]) if callable(overrides) else overrides)
        for op_name, rule_ in registry.all_rules().items():
            head, _, leaf = op_name.rpartition(".")
            if head == prefix and rule_.kind != registry.BLOCKED and rule_.impl is not None:
                names.add(leaf)
        for attr, value in vars(self._fs_numpy).items():
            if is_passthrough(attr, value):
                names.add(attr)
        return sorted(names)


_MISSING = object()


def _random_overrides(wrap: bool) -> dict:
    from flopscope.runtime.costs.random import namespace_overrides

    return namespace_overrides(wrap)


def build(root_name: str, wrap: bool) -> CountedNamespace:
    """Build the counted namespace tree (root plus linalg, fft, random submodules)."""
    overrides = {"random": _random_overrides}
    subs = {
        sub: CountedNamespace(f"{root_name}.{sub}", sub, wrap, overrides=overrides.get(sub))
        for sub in ("linalg", "fft", "random")
    }
    return CountedNamespace(root_name, "", wrap, submodules=subs)
