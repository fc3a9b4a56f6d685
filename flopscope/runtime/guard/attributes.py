"""Attribute and namespace access on the program's behalf: ``getattr``, ``setattr``,
``delattr``, ``vars`` and ``globals``.

Forbidden names are refused, ndarray operator methods and counted methods fetched
dynamically (``getattr(a, "dot")``, ``getattr(np.ndarray, "__matmul__")``) come back
charged, and a module's globals are handed out as a :class:`GlobalsView` that hides
flopscope's names.
"""

from __future__ import annotations

import builtins
import functools
import types
from builtins import getattr, sum  # bound before arming replaces them process-wide
from collections.abc import MutableMapping

import numpy as np

from flopscope.runtime import stubs
from flopscope.runtime.guard.codecheck import DUNDERS, FORBIDDEN_NAMES, METHODS
from flopscope.runtime.guard.errors import ContainmentError
from flopscope.runtime.guard.origins import (FLAG, HIDDEN, STUB_GLOBALS, caller, origin,
                                             user_initiated)
from flopscope.runtime.guard.state import MISSING, REAL


def _counted_attribute(obj, name: str):
    """A charged stand-in for an ndarray method or operator fetched dynamically, or None."""
    if isinstance(obj, super):  # super().dot(b) in an ndarray subclass
        found = getattr(obj, name, None)
        owner = getattr(found, "__self__", None)
        if isinstance(owner, np.ndarray) and type(found).__name__ == "builtin_function_or_method":
            return _counted_attribute(owner, name)
        return None
    is_type = isinstance(obj, type) and issubclass(obj, np.ndarray)
    if not (is_type or isinstance(obj, np.ndarray)):
        return None
    if name in DUNDERS:
        stub_name, reflected = DUNDERS[name]
        stub = getattr(stubs, stub_name)
        if reflected:
            def op(a, b):
                return stub(b, a)
            stub = op
        return stub if is_type else functools.partial(stub, obj)
    if name in METHODS:
        if is_type:
            return lambda self, *args, **kwargs: stubs.call_method(self, name, *args, **kwargs)
        return stubs.get_method(obj, name)
    return None


def checked_attribute(obj, name, frame):
    """Refuse or replace ``obj.<name>`` read on behalf of ``frame``.

    Parameters
    ----------
    obj : object
        Whose attribute is read.
    name : object
        The attribute name (anything but a string is left alone).
    frame : frame
        The frame reading it.

    Returns
    -------
    object or None
        A charged stand-in for an ndarray operator or method, or None for a plain read.

    Raises
    ------
    ContainmentError
        If the program's own code reads a forbidden name.
    """
    if type(name) is not str or not (name in FORBIDDEN_NAMES or name in DUNDERS
                                      or name in METHODS):
        return None
    if name in FORBIDDEN_NAMES:
        # Only the program's own reads: functools.wraps and friends read __dict__ too.
        if origin(frame.f_globals) != "user":
            return None
        raise ContainmentError(f"reading {name!r}", "it reaches interpreter or flopscope "
                                                    "internals, where work goes uncounted")
    if frame.f_globals is STUB_GLOBALS and isinstance(obj, np.ndarray):
        return None  # the stub fetching the method it has just charged
    return _counted_attribute(obj, name) if user_initiated(frame) else None


def _guarded_getattr(obj, name, default=MISSING, /):
    # Replaced process-wide, so NumPy's own getattr calls come through here too: the
    # frame is fetched only for the few names that matter.
    if type(name) is not str or name in FORBIDDEN_NAMES or name in DUNDERS or name in METHODS:
        found = checked_attribute(obj, name, caller())
        if found is not None:
            return found
    if default is MISSING:
        return REAL["getattr"](obj, name)
    return REAL["getattr"](obj, name, default)


def _refuse_rewiring(what: str, name) -> None:
    # caller(3): the frame that called _guarded_setattr/_guarded_delattr
    if type(name) is str and name in FORBIDDEN_NAMES and user_initiated(caller(3)):
        raise ContainmentError(f"{what} {name!r}", "it rewires interpreter or flopscope "
                                                   "internals")


def _guarded_setattr(obj, name, value, /):
    _refuse_rewiring("setting", name)
    REAL["setattr"](obj, name, value)


def _guarded_delattr(obj, name, /):
    _refuse_rewiring("deleting", name)
    REAL["delattr"](obj, name)


class GlobalsView(MutableMapping):
    """A module's globals as ``globals()``/``vars()`` give them to the program: every
    name but flopscope's hidden ones, which can be neither read nor replaced."""

    __slots__ = ("_d",)
    _HIDDEN = frozenset({HIDDEN, FLAG, "__builtins__"})

    def __init__(self, namespace: dict):
        self._d = namespace

    def __getitem__(self, key):
        if key in self._HIDDEN:
            raise KeyError(key)
        return self._d[key]

    def __setitem__(self, key, value):
        if key in self._HIDDEN:
            raise ContainmentError(f"rebinding {key}", "flopscope's hidden names are fixed")
        self._d[key] = value

    def __delitem__(self, key):
        if key in self._HIDDEN:
            raise ContainmentError(f"deleting {key}", "flopscope's hidden names are fixed")
        del self._d[key]

    def __iter__(self):
        return (k for k in list(self._d) if k not in self._HIDDEN)

    def __len__(self):
        return sum(1 for _ in self)

    def __repr__(self):
        return repr(dict(self.items()))


def _guarded_globals():
    frame = caller()
    if origin(frame.f_globals) == "user":
        return GlobalsView(frame.f_globals)
    return frame.f_globals


def _guarded_vars(*args):
    frame = caller()
    if not args:
        local = frame.f_locals
        if local is frame.f_globals and origin(frame.f_globals) == "user":
            return GlobalsView(local)
        return local
    found = REAL["vars"](*args)
    obj = args[0]
    if not user_initiated(frame):
        return found
    if isinstance(obj, type) and (getattr(obj, "__module__", None) or "").startswith("numpy"):
        raise ContainmentError(f"vars({obj.__name__})", "a NumPy class's dictionary holds "
                                                        "its uncounted methods")
    if isinstance(obj, types.ModuleType) or not FORBIDDEN_NAMES.isdisjoint(found):
        return types.MappingProxyType({k: v for k, v in found.items()
                                       if k not in FORBIDDEN_NAMES})
    return found


def patches() -> list[tuple[object, str, object]]:
    """``(owner, name, replacement)`` for ``getattr``, ``setattr``, ``delattr``, ``vars``
    and ``globals``, to install while armed."""
    return [(builtins, "getattr", _guarded_getattr), (builtins, "setattr", _guarded_setattr),
            (builtins, "delattr", _guarded_delattr), (builtins, "vars", _guarded_vars),
            (builtins, "globals", _guarded_globals)]
