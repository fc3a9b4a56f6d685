"""``FlopscopeArray``: an ndarray whose operators and methods are charged.

Arrays returned by ``flopscope.numpy`` are of this type. Every ufunc applied to one
(``a + b``, ``a @ b``, ``a += b``, ``np.add.reduce(a)``) and every NumPy function
called on one goes through the registry and the budget; methods such as
``a.sum(axis=0)`` are charged like the matching function. Work NumPy does *inside* an
operation already paid for is not charged again (see ``calls.INSIDE``).
"""

from __future__ import annotations

import numpy as np

from flopscope.errors import UnsupportedFunctionError
from flopscope.runtime import budget, registry
from flopscope.runtime.calls import INSIDE, make_callable, wrap_result
from flopscope.runtime.methods import METHOD_OPS, method_cost

_ndarray = np.ndarray


def _plain(values):
    return tuple(v.view(_ndarray) if isinstance(v, FlopscopeArray) else v for v in values)


_ufunc_cache: dict = {}


def price_ufunc(ufunc, method: str, inputs: tuple, kwargs: dict) -> tuple[str, int]:
    """Return ``(operation name, unweighted cost)`` of ``ufunc.<method>(*inputs)``.

    Raises
    ------
    UnsupportedFunctionError
        For a ufunc the registry cannot price.
    """
    if method == "__call__":
        entry = _ufunc_cache.get(ufunc)
        if entry is not None:
            return entry[0], entry[1](*inputs, **kwargs)
    name = registry.name_of(ufunc)
    if name is None:
        raise UnsupportedFunctionError(
            f"numpy.{getattr(ufunc, '__name__', ufunc)} has no cost model in flopscope; "
            "it is refused rather than run uncounted"
        )
    if method == "__call__":
        formula = registry.rule(name).cost
        _ufunc_cache[ufunc] = (name, formula)
        return name, formula(*inputs, **kwargs)
    from flopscope.runtime.costs.pointwise import ufunc_method_cost

    return name, ufunc_method_cost(name, method, inputs, kwargs)


_function_cache: dict[int, object] = {}


def run_ufunc(ufunc, method: str, inputs: tuple, kwargs: dict):
    """Charge ``ufunc.<method>(*inputs)`` (unless already inside a counted call) and run
    it on plain arrays.

    Returns
    -------
    (result, out)
        NumPy's result, and the caller's ``out=`` tuple (None when not given).
    """
    if not INSIDE[0]:
        name, cost = price_ufunc(ufunc, method, inputs, kwargs)
        budget._current.charge(name, cost)
    out = kwargs.get("out")
    if out is not None:
        kwargs["out"] = _plain(out)
    INSIDE[0] += 1
    try:
        return getattr(ufunc, method)(*_plain(inputs), **kwargs), out
    finally:
        INSIDE[0] -= 1


class FlopscopeArray(np.ndarray):
    """A NumPy array whose arithmetic is counted against the active budget."""

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        result, out = run_ufunc(ufunc, method, inputs, kwargs)
        if out is not None:
            return out[0] if len(out) == 1 else out
        return wrap_result(result)

    def __array_function__(self, func, types, args, kwargs):
        if INSIDE[0]:
            return super().__array_function__(func, types, args, kwargs)
        call = _function_cache.get(id(func))
        if call is None:
            name = registry.name_of(func)
            if name is None:
                raise UnsupportedFunctionError(
                    f"{getattr(func, '__module__', 'numpy')}.{getattr(func, '__name__', func)} "
                    "has no cost model in flopscope; it is refused rather than run uncounted"
                )
            call = make_callable(registry.rule(name), wrap=True)
            _function_cache[id(func)] = call
        return call(*args, **kwargs)


def _power_operator(dunder: str):
    # NumPy sends ``a ** 2`` to np.square, ``a ** 0.5`` to np.sqrt ...; flopscope 0.4.3
    # charges the operator as ``power`` whatever the exponent, so price it here.
    plain_operator = getattr(_ndarray, dunder)
    swapped = dunder == "__rpow__"

    def operator(self, other):
        if INSIDE[0]:
            return plain_operator(self, other)
        base, exponent = (other, self) if swapped else (self, other)
        budget._current.charge("power", registry.rule("power").cost(base, exponent))
        INSIDE[0] += 1
        try:
            result = plain_operator(self, other)
        finally:
            INSIDE[0] -= 1
        return result if result is NotImplemented else wrap_result(result)

    operator.__name__ = dunder
    operator.__qualname__ = f"FlopscopeArray.{dunder}"
    return operator


for _dunder in ("__pow__", "__rpow__", "__ipow__"):
    setattr(FlopscopeArray, _dunder, _power_operator(_dunder))
del _dunder


def _counted_method(method_name: str):
    plain_method = getattr(_ndarray, method_name)

    def method(self, *args, **kwargs):
        if INSIDE[0]:
            return plain_method(self, *args, **kwargs)
        op, formula = method_cost(method_name)
        budget._current.charge(op, formula(self, *args, **kwargs))
        # A plain view (same memory, so in-place methods still work) keeps NumPy's
        # internal ufunc calls off this class's __array_ufunc__; subclasses such as
        # SymmetricTensor keep their own propagation.
        target = self.view(_ndarray) if type(self) is FlopscopeArray else self
        INSIDE[0] += 1
        try:
            return wrap_result(plain_method(target, *args, **kwargs))
        finally:
            INSIDE[0] -= 1

    method.__name__ = method_name
    method.__qualname__ = f"FlopscopeArray.{method_name}"
    method.__doc__ = plain_method.__doc__
    return method


for _name in METHOD_OPS:
    setattr(FlopscopeArray, _name, _counted_method(_name))
del _name
