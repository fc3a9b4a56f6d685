"""Turn a registry rule into a callable that prices, charges, then runs NumPy.

Two flavours share one body:

* ``wrap=True`` (the public ``flopscope.numpy``): results come back as counted
  :class:`~flopscope.runtime.array.FlopscopeArray`, so their operators are charged.
* ``wrap=False`` (code rewritten by ``flopscope run``): results stay plain ndarrays;
  the rewriter routes the program's operators and methods through stubs instead.

In both, a NumPy scalar produced by a counted operation becomes a 0-d array, so that
arithmetic on it is charged as flopscope 0.4.3 charges it (arithmetic on scalars
obtained by indexing, ``x[i]``, stays free).

``INSIDE`` counts how deep we are inside a counted NumPy call. Counted arrays look at
it so that the NumPy internals of an operation already paid for are not charged again.
"""

from __future__ import annotations

import functools

import numpy as np

from flopscope.errors import BlockedOperationError
from flopscope.runtime import budget
from flopscope.runtime.registry import BLOCKED, COUNTED, FREE, Rule

INSIDE = [0]
_generic = np.generic
_ndarray = np.ndarray


_counted_type = []  # [FlopscopeArray], filled on first use (array.py imports this module)


def _wrap_array(value, keep_scalars: bool = False):
    if not _counted_type:
        from flopscope.runtime.array import FlopscopeArray

        _counted_type.append(FlopscopeArray)
    counted_type = _counted_type[0]
    if isinstance(value, _ndarray):
        return value if isinstance(value, counted_type) else value.view(counted_type)
    if isinstance(value, _generic) and not keep_scalars:
        return np.asarray(value).view(counted_type)
    return value


def wrap_result(value, keep_scalars: bool = False):
    """Make a NumPy result counted: arrays (and, unless ``keep_scalars``, NumPy
    scalars) become ``FlopscopeArray``.

    Tuples, lists and named tuples of arrays are wrapped element by element.
    """
    if isinstance(value, (_ndarray, _generic)):
        return _wrap_array(value, keep_scalars)
    if isinstance(value, tuple):
        items = [_wrap_array(v, keep_scalars) for v in value]
        return type(value)(*items) if hasattr(value, "_fields") else tuple(items)
    if isinstance(value, list):
        return [_wrap_array(v, keep_scalars) for v in value]
    return value


def _wrap_keeping_scalars(value):
    return wrap_result(value, keep_scalars=True)


def scalar_to_0d(value):
    """Return NumPy scalars as 0-d arrays; everything else unchanged."""
    if isinstance(value, _generic):
        return np.asarray(value)
    return value


def _unchanged(value):
    return value


# flopscope 0.4.3 hands back the norms' scalar results as plain NumPy scalars, so
# ``norm(a) / norm(b)`` costs nothing there (programs/cholesky_solve.py and
# logistic_regression.py pin it). Every other counted scalar comes back as a 0-d
# array whose arithmetic is charged.
_KEEP_SCALARS = frozenset({"linalg.norm", "linalg.vector_norm", "linalg.matrix_norm"})


def keeps_scalars(op_name: str) -> bool:
    """True if ``op_name`` returns NumPy scalars as they are (arithmetic on them free)."""
    return op_name in _KEEP_SCALARS


def make_callable(rule_: Rule, wrap: bool, label: str | None = None):
    """Return the counted callable for ``rule_``.

    Parameters
    ----------
    rule_ : Rule
        A counted or free rule with an implementation.
    wrap : bool
        Wrap results as ``FlopscopeArray`` (public namespace) or leave them plain.
    label : str, optional
        The name to charge under, when the user reached the rule through an alias
        (``fnp.acos`` charges ``"acos"``, weighted as 0.4.3 weighs it).
    """
    if rule_.kind == BLOCKED:
        raise BlockedOperationError(rule_.name, rule_.reason)
    impl = rule_.impl
    if rule_.kind == FREE and rule_.post is None and not wrap:
        # Nothing to charge and nothing to wrap: NumPy's own function, at no overhead.
        # (A counted array passed to it still prices it via __array_function__.)
        return impl
    name = label or rule_.name
    cost = rule_.cost
    post = rule_.post
    if keeps_scalars(rule_.name):
        finish = _wrap_keeping_scalars if wrap else _unchanged
    else:
        finish = wrap_result if wrap else scalar_to_0d
    inside = INSIDE
    counted_op = rule_.kind == COUNTED

    clock = budget.clock
    times = budget.TIMES

    if counted_op:

        def call(*args, **kwargs):
            started = clock()
            budget._current.charge(name, cost(*args, **kwargs))
            inside[0] += 1
            backend_start = clock()
            try:
                result = impl(*args, **kwargs)
            finally:
                inside[0] -= 1
                ended = clock()
                if not inside[0]:  # nested calls are already inside an outer backend span
                    times[0] += ended - backend_start
                    times[1] += backend_start - started
            if post is not None:
                result = post(result, args, kwargs)
            return finish(result)

    else:
        finish_free = wrap_result if wrap else (lambda value: value)

        def call(*args, **kwargs):
            inside[0] += 1
            try:
                result = impl(*args, **kwargs)
            finally:
                inside[0] -= 1
            if post is not None:
                result = post(result, args, kwargs)
            return finish_free(result)

    try:
        functools.update_wrapper(call, impl)
    except (AttributeError, TypeError):
        pass
    # update_wrapper exposes the real NumPy function as __wrapped__; a submission must
    # not be handed it (plain_callable() finds it through the registry instead).
    call.__dict__.pop("__wrapped__", None)
    call.flopscope_op = name
    if isinstance(impl, np.ufunc):
        _add_ufunc_methods(call, impl, name, finish)
    return call


UFUNC_METHODS = ("reduce", "accumulate", "reduceat", "outer", "at")
UFUNC_ATTRIBUTES = ("nin", "nout", "nargs", "ntypes", "types", "identity", "signature")


def _add_ufunc_methods(call, ufunc, name: str, finish) -> None:
    """Give a counted ufunc its methods (``np.add.reduce`` ...), each charged under the
    ufunc's name with ``costs.pointwise.ufunc_method_cost``, and its read-only facts."""
    from flopscope.runtime.costs.pointwise import ufunc_method_cost

    def counted_method(method: str):
        bound = getattr(ufunc, method)

        def run(*args, **kwargs):
            budget._current.charge(name, ufunc_method_cost(name, method, args, kwargs))
            INSIDE[0] += 1
            try:
                result = bound(*args, **kwargs)
            finally:
                INSIDE[0] -= 1
            return finish(result)

        run.__name__ = run.__qualname__ = f"{ufunc.__name__}.{method}"
        run.__doc__ = bound.__doc__
        return run

    for method in UFUNC_METHODS:
        setattr(call, method, counted_method(method))
    for attribute in UFUNC_ATTRIBUTES:
        setattr(call, attribute, getattr(ufunc, attribute))


def plain_callable(func):
    """The NumPy callable behind a counted one (itself when it is not counted), for
    cost formulas that must call a user-supplied function without charging it."""
    op = getattr(func, "flopscope_op", None)
    if op is None:
        return func
    from flopscope.runtime import registry

    found = registry.find(op)
    return found.impl if found is not None and found.impl is not None else func
