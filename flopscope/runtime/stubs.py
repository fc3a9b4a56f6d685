"""What code rewritten by ``flopscope run`` calls: the hidden ``__flopscope__`` module.

The rewriter turns ``import numpy as np`` into ``np = __flopscope__.numpy`` (a counted
namespace), ``a + b`` into ``__flopscope__.add(a, b)``, ``x[k] += v`` into the
``aug_item_get``/``aug_item_set`` pair, ``a.sum()`` into ``call_method(a, "sum")``, and
``abs(x)`` into ``builtin_abs(x)``. Each stub charges only when an ndarray takes part
(arithmetic on Python numbers and on NumPy scalars is free, as in flopscope 0.4.3) and
otherwise behaves exactly like the construct it replaces.
"""

from __future__ import annotations

import builtins
import functools
import operator

import numpy as np

from flopscope.runtime import budget, registry
from flopscope.runtime.calls import INSIDE, scalar_to_0d
from flopscope.runtime.methods import method_cost
from flopscope.runtime.namespace import build

_ndarray = np.ndarray
_generic = np.generic
clock = budget.clock
times = budget.TIMES
_as_0d = np.asarray
slice = builtins.slice  # noqa: A001  (the rewriter spells slices as __flopscope__.slice)

numpy = build("numpy", wrap=False)

# Python operator -> the NumPy operation it performs on arrays.
BINARY_OPS = {
    "add": "add", "sub": "subtract", "mul": "multiply", "truediv": "true_divide",
    "floordiv": "floor_divide", "mod": "remainder", "pow": "power", "matmul": "matmul",
    "lshift": "left_shift", "rshift": "right_shift", "and_": "bitwise_and",
    "or_": "bitwise_or", "xor": "bitwise_xor",
    "lt": "less", "le": "less_equal", "eq": "equal", "ne": "not_equal",
    "gt": "greater", "ge": "greater_equal",
}
UNARY_OPS = {"neg": "negative", "pos": "positive", "invert": "invert"}


def _run(fn, *args):
    # Counted arrays (e.g. symmetric ones) must not charge again for work paid here.
    INSIDE[0] += 1
    try:
        return scalar_to_0d(fn(*args))
    finally:
        INSIDE[0] -= 1


def _operator_stub(py_name: str, op_name: str, py_op, unary: bool = False):
    formula = None

    def charged(*operands):
        nonlocal formula
        if formula is None:
            formula = registry.rule(op_name).cost
        started = clock()
        budget._current.charge(op_name, formula(*operands))
        # Counted arrays (e.g. symmetric ones) must not charge again for this.
        INSIDE[0] += 1
        backend_start = clock()
        try:
            result = py_op(*operands)
        finally:
            INSIDE[0] -= 1
            ended = clock()
            if not INSIDE[0]:
                times[0] += ended - backend_start
                times[1] += backend_start - started
        return _as_0d(result) if isinstance(result, _generic) else result

    if unary:

        def stub(a):
            return charged(a) if isinstance(a, _ndarray) else py_op(a)

    else:

        def stub(a, b):
            if isinstance(a, _ndarray) or isinstance(b, _ndarray):
                return charged(a, b)
            return py_op(a, b)

    stub.__name__ = stub.__qualname__ = py_name
    stub.__doc__ = f"``{py_name}`` as rewritten code performs it; charged as {op_name}."
    return stub


for _py, _op in BINARY_OPS.items():
    globals()[_py] = _operator_stub(_py, _op, getattr(operator, _py))
    if _py not in ("lt", "le", "eq", "ne", "gt", "ge"):
        _ipy = "i" + _py.rstrip("_")
        globals()[_ipy] = _operator_stub(_ipy, _op, getattr(operator, _ipy))
for _py, _op in UNARY_OPS.items():
    globals()[_py] = _operator_stub(_py, _op, getattr(operator, _py), unary=True)
builtin_abs = _operator_stub("builtin_abs", "abs", builtins.abs, unary=True)
builtin_divmod = _operator_stub("builtin_divmod", "divmod", builtins.divmod)
_pow_stub = _operator_stub("builtin_pow", "power", builtins.pow)
del _py, _op, _ipy


def builtin_pow(base, exp, mod=None):
    """``pow()`` as rewritten code performs it; charged as power on arrays."""
    if mod is None:
        return _pow_stub(base, exp)
    return builtins.pow(base, exp, mod)


def builtin_round(number, ndigits=None):
    """``round()`` as rewritten code performs it; charged as round on arrays."""
    if isinstance(number, _ndarray):
        budget._current.charge("round", registry.rule("round").cost(number))
        return _run(builtins.round, number, ndigits)
    return builtins.round(number, ndigits)


def builtin_sum(iterable, /, start=0):
    """``sum()`` as rewritten code performs it: each array addition is charged."""
    items = list(iterable)
    if not any(isinstance(item, _ndarray) for item in items) and not isinstance(start, _ndarray):
        return builtins.sum(items, start)
    total = start
    for item in items:
        total = add(total, item)  # noqa: F821  (defined in the loop above)
    return total


def call_method(obj, name: str, /, *args, **kwargs):
    """``obj.name(*args, **kwargs)``, charged when ``obj`` is an array and the method
    does counted work (``a.sum()``, ``a.dot(b)`` ...)."""
    if isinstance(obj, _ndarray):
        entry = method_cost(name)
        if entry is not None:
            op, formula = entry
            budget._current.charge(op, formula(obj, *args, **kwargs))
            INSIDE[0] += 1
            try:
                return scalar_to_0d(getattr(obj, name)(*args, **kwargs))
            finally:
                INSIDE[0] -= 1
    return getattr(obj, name)(*args, **kwargs)


def get_method(obj, name: str, /):
    """``obj.name`` read without a call: a bound method that is still charged."""
    if isinstance(obj, _ndarray) and method_cost(name) is not None:
        bound = functools.partial(call_method, obj, name)
        functools.update_wrapper(bound, getattr(obj, name))
        return bound
    return getattr(obj, name)


def aug_attr_get(obj, name: str, /):
    """First half of ``obj.name op= value``: read the attribute (before ``value``)."""
    return obj, name, getattr(obj, name)


def aug_attr_set(state, op, value, /):
    """Second half of ``obj.name op= value``: combine and store."""
    obj, name, current = state
    setattr(obj, name, op(current, value))


def aug_item_get(obj, key, /):
    """First half of ``obj[key] op= value``: read the item (before ``value``)."""
    return obj, key, obj[key]


def aug_item_set(state, op, value, /):
    """Second half of ``obj[key] op= value``: combine and store."""
    obj, key, current = state
    obj[key] = op(current, value)


def compare_chain(left, *rest):
    """``a < b < c`` with each later operand a thunk: evaluated once, and only if needed."""
    result = True
    last = len(rest) - 2
    for i in range(0, len(rest), 2):
        right = rest[i + 1]()
        result = rest[i](left, right)
        if i != last and not result:
            return result
        left = right
    return result


def star_import(namespace: dict) -> None:
    """``from numpy import *``: bind the counted version of every public NumPy name."""
    for name in getattr(np, "__all__", ()):
        try:
            namespace[name] = getattr(numpy, name)
        except AttributeError:
            continue  # blocked or unpriced: using it raises where the user calls it
