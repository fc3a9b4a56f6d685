"""``numpy.random``: sampling costs ``numel(output)``.

Every sampler is charged one unit per value it produces (weights, applied by the
budget, say how dear each distribution is: 16 for most, 1 for uniform integers and
floats). The output size is read from ``size`` (or ``out``), else from the broadcast
of the distribution parameters; samplers of vectors (``dirichlet``, ``multinomial``,
``multivariate_normal``, ``multivariate_hypergeometric``) add the vector length.
Exceptions, as in flopscope 0.4.3:

* ``choice(a, size, replace=False)`` costs ``n * ceil(log2 n)`` for a population of
  ``n`` (a partial shuffle of the whole population);
* ``shuffle(x)``, ``permutation(x)``, ``permuted(x)``: ``numel(x)`` (``x`` when an int);
* ``bytes(length)``: ``length``;
* ``seed``, ``get_state``, ``set_state``, ``default_rng``: free.

``default_rng()`` returns a :class:`CountedGenerator`, a ``numpy.random.Generator``
subclass whose sampling methods are charged as ``"random.Generator.<method>"`` with
the same formula as the module function (and the same weight; the weight table
carries those names). Draws a method makes internally (``choice`` calling
``integers``, ``permutation`` calling ``shuffle``) are not charged again.
:class:`CountedRandomState` does the same for the legacy ``RandomState`` API,
charging under the module functions' names (``"random.randn"``...), since the module
functions are that class's methods on a global instance.
"""

from __future__ import annotations

import math
import operator

import numpy as np

from flopscope.runtime import budget
from flopscope.runtime.calls import INSIDE, scalar_to_0d, wrap_result
from flopscope.runtime.costs._shapes import ceil_log2, shape_of, size_of
from flopscope.runtime.registry import counted, free

# distribution -> names of its parameters before ``size`` (module and Generator alike)
DISTRIBUTIONS = {
    "beta": ("a", "b"),
    "binomial": ("n", "p"),
    "chisquare": ("df",),
    "exponential": ("scale",),
    "f": ("dfnum", "dfden"),
    "gamma": ("shape", "scale"),
    "geometric": ("p",),
    "gumbel": ("loc", "scale"),
    "hypergeometric": ("ngood", "nbad", "nsample"),
    "laplace": ("loc", "scale"),
    "logistic": ("loc", "scale"),
    "lognormal": ("mean", "sigma"),
    "logseries": ("p",),
    "negative_binomial": ("n", "p"),
    "noncentral_chisquare": ("df", "nonc"),
    "noncentral_f": ("dfnum", "dfden", "nonc"),
    "normal": ("loc", "scale"),
    "pareto": ("a",),
    "poisson": ("lam",),
    "power": ("a",),
    "rayleigh": ("scale",),
    "standard_cauchy": (),
    "standard_exponential": (),
    "standard_gamma": ("shape",),
    "standard_normal": (),
    "standard_t": ("df",),
    "triangular": ("left", "mode", "right"),
    "uniform": ("low", "high"),
    "vonmises": ("mu", "kappa"),
    "wald": ("mean", "scale"),
    "weibull": ("a",),
    "zipf": ("a",),
}
# samplers of vectors: parameter names, and which one's length is appended
VECTOR_SAMPLERS = {
    "dirichlet": (("alpha",), "alpha"),
    "multinomial": (("n", "pvals"), "pvals"),
    "multivariate_normal": (("mean", "cov"), "mean"),
    "multivariate_hypergeometric": (("colors", "nsample"), "colors"),
}
UNIFORM_DRAWS = {  # module-level uniform/integer draws: parameters before ``size``
    "randint": ("low", "high"),
    "random_integers": ("low", "high"),
    "random": (),
    "random_sample": (),
    "ranf": (),
    "sample": (),
}
GENERATOR_ONLY = {"integers": ("low", "high"), "random": ()}


def _size_count(size) -> int:
    if isinstance(size, (tuple, list)):
        dims = [operator.index(d) for d in size]
    else:
        dims = [operator.index(size)]
    if any(d < 0 for d in dims):
        raise ValueError("negative dimensions")
    return math.prod(dims)


def _bind(params, args, kwargs):
    """Split a call into the given parameters (by name) and ``size``."""
    k = len(params)
    values = list(args[:k])
    for name in params[len(values):]:
        if name in kwargs:
            values.append(kwargs[name])
    size = args[k] if len(args) > k else kwargs.get("size")
    return values, size


def sampler_cost(params):
    """``numel(output)`` for a sampler taking ``params`` then ``size``."""

    def cost(*args, **kwargs) -> int:
        values, size = _bind(params, args, kwargs)
        try:
            if size is not None:
                return _size_count(size)
            out = kwargs.get("out")
            if out is not None:
                return size_of(out)
            if not values:
                return 1
            return math.prod(np.broadcast_shapes(*(shape_of(v) for v in values)))
        except (TypeError, ValueError):
            return 0  # NumPy rejects the call with its own message

    cost.__doc__ = "numel(output): size, or the broadcast of the parameters."
    return cost


def vector_sampler_cost(params, vector):
    """``numel(size) * len(vector)`` (the vector parameter's length is the last axis)."""
    index = params.index(vector)

    def cost(*args, **kwargs) -> int:
        values, size = _bind(params, args, kwargs)
        try:
            length = shape_of(values[index])[-1] if len(values) > index else 0
            if size is not None:
                return _size_count(size) * length
            batch = 1
            if vector == "pvals" and values:  # Generator.multinomial broadcasts n
                batch = size_of(values[0])
            return batch * length
        except (TypeError, ValueError, IndexError):
            return 0

    cost.__doc__ = "numel(size) * len(vector parameter)."
    return cost


def _dims_cost(*dims, **kwargs) -> int:
    """rand/randn(d0, d1, ...): prod(d)."""
    try:
        return _size_count(dims) if dims else 1
    except (TypeError, ValueError):
        return 0


def choice_cost(a, size=None, replace=True, *args, **kwargs) -> int:
    """numel(size) with replacement; n * ceil(log2 n) without (n = population)."""
    try:
        if not replace:
            n = operator.index(a) if np.ndim(a) == 0 else shape_of(a)[kwargs.get("axis", 0)]
            if size is not None and _size_count(size) > n:
                return 0  # NumPy refuses: more samples than the population
            return n * ceil_log2(n)
        return 1 if size is None else _size_count(size)
    except (TypeError, ValueError, IndexError):
        return 0


def reorder_cost(x, *args, **kwargs) -> int:
    """numel(x); an int n stands for arange(n)."""
    try:
        if isinstance(x, (int, np.integer)):
            return max(operator.index(x), 0)
        return size_of(x)
    except (TypeError, ValueError):
        return 0


def bytes_cost(length, *args, **kwargs) -> int:
    """length."""
    try:
        return max(operator.index(length), 0)
    except TypeError:
        return 0


# -- module functions (numpy.random.<name>: the global RandomState) -----------------
MODULE_COSTS = {name: sampler_cost(params) for name, params in DISTRIBUTIONS.items()}
MODULE_COSTS.update({name: sampler_cost(params) for name, params in UNIFORM_DRAWS.items()})
MODULE_COSTS.update({name: vector_sampler_cost(*spec) for name, spec in VECTOR_SAMPLERS.items()
                     if name != "multivariate_hypergeometric"})
MODULE_COSTS.update({
    "rand": _dims_cost, "randn": _dims_cost, "choice": choice_cost,
    "shuffle": reorder_cost, "permutation": reorder_cost, "bytes": bytes_cost,
})

for _name, _cost in MODULE_COSTS.items():
    counted(f"random.{_name}", category="Random")(_cost)

free("random.seed", "random.get_state", "random.set_state", category="Random")

# -- Generator methods ---------------------------------------------------------------
GENERATOR_COSTS = {name: sampler_cost(params) for name, params in DISTRIBUTIONS.items()}
GENERATOR_COSTS.update({name: sampler_cost(params) for name, params in GENERATOR_ONLY.items()})
GENERATOR_COSTS.update({name: vector_sampler_cost(*spec) for name, spec in VECTOR_SAMPLERS.items()})
GENERATOR_COSTS.update({
    "choice": choice_cost, "shuffle": reorder_cost, "permutation": reorder_cost,
    "permuted": reorder_cost, "bytes": bytes_cost,
})
# The weight of "random.Generator.<m>" is that of the module function it shadows;
# methods without a module twin take the closest one. flopscope/runtime/data/weights.json
# carries these names (see its "source" field and tests/costs/test_random.py).
GENERATOR_WEIGHT_FROM = {m: f"random.{m}" for m in GENERATOR_COSTS}
GENERATOR_WEIGHT_FROM.update({
    "integers": "random.randint",
    "permuted": "random.permutation",
    "multivariate_hypergeometric": "random.hypergeometric",
})

for _name, _cost in GENERATOR_COSTS.items():
    counted(f"random.Generator.{_name}", category="Random",
            impl=getattr(np.random.Generator, _name))(_cost)
del _name, _cost

_ACTIVE = [0]  # > 0 while a counted generator method runs: its inner draws are paid


def _counted_method(base, op_name: str, cost):
    def method(self, *args, **kwargs):
        if _ACTIVE[0]:
            return base(self, *args, **kwargs)
        budget._current.charge(op_name, cost(*args, **kwargs))
        _ACTIVE[0] += 1
        INSIDE[0] += 1
        try:
            result = base(self, *args, **kwargs)
        finally:
            _ACTIVE[0] -= 1
            INSIDE[0] -= 1
        return self._fs_finish(result)

    method.__name__ = base.__name__
    method.__qualname__ = base.__name__
    method.__doc__ = base.__doc__
    return method


def _finish_plain(value):
    return scalar_to_0d(value)


def _finish_wrapped(value):
    return wrap_result(value)


class CountedGenerator(np.random.Generator):
    """A ``numpy.random.Generator`` whose draws are charged to the active budget.

    Results stay plain arrays (the flavour used by ``flopscope run``); see
    :class:`Generator` for the public flavour returning counted arrays.
    """

    _fs_finish = staticmethod(_finish_plain)

    def __reduce__(self):
        return type(self), (self.bit_generator,)

    def __repr__(self):
        return f"{type(self).__name__}({type(self.bit_generator).__name__})"


for _name, _cost in GENERATOR_COSTS.items():
    setattr(CountedGenerator, _name, _counted_method(
        getattr(np.random.Generator, _name), f"random.Generator.{_name}", _cost))


class Generator(CountedGenerator):
    """``numpy.random.Generator`` with counted draws returning counted arrays.

    ``Generator(PCG64(seed))`` works as in NumPy; ``spawn`` returns counted children.
    """

    _fs_finish = staticmethod(_finish_wrapped)


class CountedRandomState(np.random.RandomState):
    """Legacy ``numpy.random.RandomState`` with counted draws (plain results)."""

    _fs_finish = staticmethod(_finish_plain)

    def __reduce__(self):
        bit_generator = self._bit_generator
        return type(self), (type(bit_generator)(),), self.get_state(legacy=False)


for _name, _cost in MODULE_COSTS.items():
    if hasattr(np.random.RandomState, _name):
        setattr(CountedRandomState, _name, _counted_method(
            getattr(np.random.RandomState, _name), f"random.{_name}", _cost))
del _name, _cost


class RandomState(CountedRandomState):
    """Legacy ``numpy.random.RandomState`` with counted draws returning counted arrays."""

    _fs_finish = staticmethod(_finish_wrapped)


def _as_counted_generator(result, args, kwargs):
    """``default_rng`` post hook: hand out a counted generator on the same bits."""
    if isinstance(result, CountedGenerator):
        return result
    return CountedGenerator(result.bit_generator)


free("random.default_rng", category="Random", post=_as_counted_generator)


def default_rng(seed=None) -> Generator:
    """``numpy.random.default_rng`` returning a counted :class:`Generator` (free)."""
    if isinstance(seed, Generator):
        return seed
    if isinstance(seed, np.random.Generator):
        return Generator(seed.bit_generator)
    return Generator(np.random.default_rng(seed).bit_generator)


def plain_default_rng(seed=None) -> CountedGenerator:
    """``default_rng`` for code run by ``flopscope run``: counted, plain results."""
    if isinstance(seed, CountedGenerator) and not isinstance(seed, Generator):
        return seed
    if isinstance(seed, np.random.Generator):
        return CountedGenerator(seed.bit_generator)
    return CountedGenerator(np.random.default_rng(seed).bit_generator)


def namespace_overrides(wrap: bool) -> dict:
    """What a counted ``random`` namespace should hand out for these names.

    NumPy's ``Generator`` and ``RandomState`` classes would draw uncounted, so the
    namespace gives the counted subclasses instead (results wrapped as counted arrays
    when ``wrap``, plain otherwise), and a ``default_rng`` that returns them.
    """
    if wrap:
        return {"default_rng": default_rng, "Generator": Generator, "RandomState": RandomState}
    return {"default_rng": plain_default_rng, "Generator": CountedGenerator,
            "RandomState": CountedRandomState}
