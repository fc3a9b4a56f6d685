"""ndarray arithmetic reached without an operator: ``operator.add`` and its aliases,
``sum``/``abs``/``round``/``pow``/``divmod``, ``math.prod``, ``itertools.accumulate``,
``operator.attrgetter``/``methodcaller`` and ``inspect``'s attribute helpers are charged
(or filtered) like the operators and methods they stand for."""

from __future__ import annotations

import builtins
import functools
import inspect
import itertools
import math
import operator
from builtins import getattr  # bound before arming replaces it process-wide

import numpy as np

from flopscope.runtime import calls, stubs
from flopscope.runtime.guard.attributes import checked_attribute
from flopscope.runtime.guard.codecheck import FORBIDDEN_NAMES
from flopscope.runtime.guard.origins import caller, user_initiated
from flopscope.runtime.guard.state import MISSING, REAL


def _inside_or(stub, real):
    """``stub`` for the program, ``real`` inside an operation already paid for."""
    inside = calls.INSIDE

    def op(*args):
        return real(*args) if inside[0] else stub(*args)

    op.__name__ = getattr(real, "__name__", "op")
    op.__doc__ = real.__doc__
    return op


def _guarded_sum(iterable, /, start=0):
    items = list(iterable)
    if calls.INSIDE[0] or not (isinstance(start, np.ndarray)
                               or any(isinstance(x, np.ndarray) for x in items)):
        return REAL["sum"](items, start)
    return functools.reduce(stubs.add, items, start)


def _guarded_round(number, ndigits=None):
    if calls.INSIDE[0] or not isinstance(number, np.ndarray):
        return REAL["round"](number, ndigits)
    return stubs.builtin_round(number, ndigits)


def _guarded_pow(base, exp, mod=None):
    if calls.INSIDE[0] or mod is not None:
        return REAL["pow"](base, exp, mod)
    return stubs.builtin_pow(base, exp)


def _prod(iterable, /, *, start=1):
    items = list(iterable)
    if calls.INSIDE[0] or not any(isinstance(x, np.ndarray) for x in items):
        return REAL["prod"](items, start=start)
    return functools.reduce(stubs.mul, items, start)


def _accumulate(iterable, func=None, *, initial=None):
    return REAL["accumulate"](iterable, stubs.add if func is None else func, initial=initial)


def _attrgetter(*names):
    getters = [name.split(".") for name in names]

    def get(obj):
        frame = caller()
        values = []
        for path in getters:
            value = obj
            for part in path:
                found = checked_attribute(value, part, frame)
                value = found if found is not None else REAL["getattr"](value, part)
            values.append(value)
        return values[0] if len(values) == 1 else tuple(values)

    return get


def _methodcaller(name, /, *args, **kwargs):
    def call(obj):
        found = checked_attribute(obj, name, caller())
        method = found if found is not None else REAL["getattr"](obj, name)
        return method(*args, **kwargs)

    return call


def _getattr_static(obj, attr, default=MISSING):
    found = checked_attribute(obj, attr, caller())
    if found is not None:
        return found
    real = REAL["getattr_static"]
    return real(obj, attr) if default is MISSING else real(obj, attr, default)


def _getmembers(obj, predicate=None):
    members = REAL["getmembers"](obj, predicate)
    if user_initiated(caller()):
        return [(k, v) for k, v in members if k not in FORBIDDEN_NAMES]
    return members


def _unwrap(func, *, stop=None):
    def stop_here(f):
        return hasattr(f, "flopscope_op") or (stop is not None and stop(f))

    return REAL["unwrap"](func, stop=stop_here)


def _operator_patches() -> list[tuple[object, str, object]]:
    """``operator.add`` and friends (every alias) charged like the operators."""
    pairs = {py: py for py in (*stubs.BINARY_OPS, *stubs.UNARY_OPS)}
    pairs.update({f"i{py.rstrip('_')}": f"i{py.rstrip('_')}" for py in stubs.BINARY_OPS
                  if hasattr(stubs, f"i{py.rstrip('_')}")})
    pairs["abs"] = "builtin_abs"
    patched = []
    for op_name, stub_name in pairs.items():
        real = getattr(operator, op_name)
        wrapped = _inside_or(getattr(stubs, stub_name), real)
        patched += [(operator, alias, wrapped) for alias in dir(operator)
                    if getattr(operator, alias) is real]
    return patched


def patches() -> list[tuple[object, str, object]]:
    """``(owner, name, replacement)`` charging indirect arithmetic, to install while armed."""
    return [
        (builtins, "sum", _guarded_sum), (builtins, "round", _guarded_round),
        (builtins, "pow", _guarded_pow),
        (builtins, "abs", _inside_or(stubs.builtin_abs, builtins.abs)),
        (builtins, "divmod", _inside_or(stubs.builtin_divmod, builtins.divmod)),
        (math, "prod", _prod), (itertools, "accumulate", _accumulate),
        (operator, "attrgetter", _attrgetter), (operator, "methodcaller", _methodcaller),
        (inspect, "getattr_static", _getattr_static), (inspect, "unwrap", _unwrap),
        (inspect, "getmembers", _getmembers),
        *_operator_patches(),
    ]
