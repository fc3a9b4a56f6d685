"""numpy.random costs: numel(output) per draw; Generator methods as random.Generator.<m>."""

import copy
import json
import pathlib
import pickle

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import flopscope as flops
import flopscope.numpy as fnp
import flopscope.numpy.random as fr  # the public module (counted Generator classes)
from flopscope.runtime.costs import random as R
from flopscope.runtime.weights import weight_of

WEIGHTS = pathlib.Path(R.__file__).parents[1] / "data" / "weights.json"


def run(fn, *args, **kwargs):
    with flops.BudgetContext(flop_budget=10**15, quiet=True) as ctx:
        result = fn(*args, **kwargs)
    return ctx, result


def charged(fn, *args, **kwargs):
    return run(fn, *args, **kwargs)[0].flops_used


@pytest.mark.parametrize("name", sorted(R.DISTRIBUTIONS))
def test_every_distribution_costs_numel(name, unweighted):
    fn = getattr(fnp.random, name)
    params = {  # valid parameters for each distribution
        "hypergeometric": (10, 5, 4), "noncentral_f": (3.0, 4.0, 1.0),
        "triangular": (0.0, 0.5, 1.0), "zipf": (2.0,), "binomial": (10, 0.3),
        "negative_binomial": (5, 0.5), "geometric": (0.3,), "logseries": (0.5,),
    }.get(name, tuple(0.5 + i for i in range(len(R.DISTRIBUTIONS[name]))))
    assert charged(fn, *params, size=(4, 5)) == 20
    if params:  # size from the broadcast of array parameters
        arrays = (np.full((3, 1), params[0]),) + params[1:]
        assert charged(fn, *arrays) == 3
    else:
        assert charged(fn) == 1


def test_weights_are_the_reference_ones():
    assert charged(fnp.random.standard_normal, size=(4, 5)) == 16 * 20
    assert charged(fnp.random.uniform, size=(4, 5)) == 20
    assert charged(fnp.random.randn, 4, 5) == 320
    assert charged(fnp.random.rand, 4, 5) == 20


def test_vector_samplers(unweighted):
    assert charged(fnp.random.dirichlet, [1.0, 2.0, 3.0], size=7) == 21
    assert charged(fnp.random.multinomial, 10, [0.2, 0.3, 0.5], size=6) == 18
    assert charged(fnp.random.multivariate_normal, np.zeros(3), np.eye(3), size=6) == 18
    assert charged(fnp.random.multivariate_normal, np.zeros(3), np.eye(3)) == 3


def test_uniform_draws_and_helpers(unweighted):
    assert charged(fnp.random.randint, 0, 10, size=(4, 5)) == 20
    assert charged(fnp.random.randint, 0, 10) == 1
    with pytest.warns(DeprecationWarning):
        assert charged(fnp.random.random_integers, 1, 6, size=5) == 5
    for name in ("random", "random_sample", "ranf", "sample"):
        assert charged(getattr(fnp.random, name), size=(4, 5)) == 20
    assert charged(fnp.random.random) == 1
    assert charged(fnp.random.choice, 20, size=7) == 7
    assert charged(fnp.random.choice, 1000, size=5, replace=False) == 1000 * 10
    assert charged(fnp.random.permutation, 20) == 20
    assert charged(fnp.random.permutation, np.ones((4, 5))) == 20
    assert charged(fnp.random.shuffle, np.arange(20.0)) == 20
    assert charged(fnp.random.bytes, 16) == 16
    for fn in (fnp.random.seed, fnp.random.get_state):
        assert charged(fn) == 0
    assert charged(fnp.random.set_state, np.random.get_state()) == 0


def test_generator_methods_are_charged_under_their_own_names():
    ctx, rng = run(fnp.random.default_rng, 0)
    assert ctx.flops_used == 0
    ctx, _ = run(rng.normal, size=10)
    assert ctx.flops_used == 16 * 10 and "random.Generator.normal" in ctx._ops
    assert charged(rng.standard_normal, (3, 4)) == 16 * 12
    assert charged(rng.uniform, size=10) == 10
    assert charged(rng.integers, 0, 10, size=(2, 3)) == 6
    assert charged(rng.random, 5) == 5
    assert charged(rng.choice, 1000, size=5, replace=False) == 10000  # programs/kmeans.py


def test_inner_draws_are_not_charged_twice(unweighted):
    rng = fr.default_rng(0)
    ctx, _ = run(rng.permutation, 10)  # calls self.shuffle inside
    assert ctx._ops == {"random.Generator.permutation": [10, 1]}
    ctx, _ = run(rng.choice, np.arange(10), size=3)  # calls self.integers inside
    assert ctx._ops == {"random.Generator.choice": [3, 1]}
    ctx, _ = run(rng.multivariate_normal, np.zeros(2), np.eye(2), size=4)
    assert ctx._ops == {"random.Generator.multivariate_normal": [8, 1]}


def test_generator_weights_copy_the_module_functions():
    table = json.loads(WEIGHTS.read_text())["weights"]
    for method, source in R.GENERATOR_WEIGHT_FROM.items():
        assert table[f"random.Generator.{method}"] == table.get(source, 1.0), method
    assert weight_of("random.Generator.standard_normal") == 16.0
    assert weight_of("random.Generator.uniform") == 1.0


def test_public_generator_wraps_results_and_is_a_numpy_generator():
    rng = fr.default_rng(42)
    assert isinstance(rng, np.random.Generator) and isinstance(rng, fr.Generator)
    assert isinstance(rng.standard_normal(3), flops.FlopscopeArray)
    same = np.random.default_rng(42).standard_normal(3)
    np.testing.assert_array_equal(fr.default_rng(42).standard_normal(3), same)
    assert fr.default_rng(rng) is rng


def test_run_mode_generator_keeps_plain_arrays():
    rng = R.CountedGenerator(np.random.PCG64(0))
    value = rng.standard_normal(3)
    assert type(value) is np.ndarray
    assert type(rng.standard_normal(size=())) is np.ndarray  # a 0-d array, counted
    assert charged(rng.standard_normal, 3) == 48


def test_generator_constructor_spawn_pickle_copy():
    rng = fr.Generator(np.random.PCG64(7))
    assert charged(rng.normal, 0, 1, size=10) == 160
    children = rng.spawn(3)
    assert all(type(c) is fr.Generator for c in children)
    assert charged(children[0].standard_normal, 100) == 1600
    revived = pickle.loads(pickle.dumps(rng))
    clone = copy.deepcopy(rng)
    assert type(revived) is fr.Generator and type(clone) is fr.Generator
    expected = rng.random(4)
    np.testing.assert_array_equal(revived.random(4), expected)
    np.testing.assert_array_equal(clone.random(4), expected)


def test_random_state_is_counted_and_pickles_its_gauss_cache():
    rs = fr.RandomState(42)
    assert charged(rs.randn, 10) == 160  # same as the module function
    assert charged(rs.choice, 100, size=20) == 20
    rs.randn(5)  # leaves a cached Box-Muller value
    rs2 = pickle.loads(pickle.dumps(rs))
    assert type(rs2) is fr.RandomState
    np.testing.assert_array_equal(rs.randn(7), rs2.randn(7))


def test_cross_api_parity():
    assert (charged(fnp.random.randn, 100)
            == charged(fr.default_rng(0).standard_normal, 100)
            == charged(fr.RandomState(0).randn, 100) == 1600)


@pytest.mark.parametrize("call", [
    lambda: fnp.random.normal(0, 1, size=(-1, 3)),
    lambda: fnp.random.normal(np.zeros(3), np.ones(4)),
    lambda: fnp.random.choice(5, size=10, replace=False),
    lambda: fr.default_rng(0).integers(0, 10, size=-2),
])
def test_invalid_calls_raise_numpy_errors(call):
    with flops.BudgetContext(flop_budget=10**6, quiet=True) as ctx:
        with pytest.raises(ValueError):
            call()
    assert ctx.flops_used == 0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 6), max_size=3), st.sampled_from(sorted(R.GENERATOR_COSTS)))
def test_formula_matches_the_size_of_the_result(size, method):
    if method in ("choice", "shuffle", "permutation", "permuted", "bytes"):
        return
    args = {
        "integers": (0, 5), "hypergeometric": (10, 5, 4), "binomial": (10, 0.3),
        "negative_binomial": (5, 0.5), "geometric": (0.3,), "logseries": (0.5,),
        "zipf": (2.0,), "triangular": (0.0, 0.5, 1.0), "noncentral_f": (3.0, 4.0, 1.0),
        "dirichlet": ([1.0, 2.0],), "multinomial": (5, [0.5, 0.5]),
        "multivariate_normal": (np.zeros(2), np.eye(2)),
        "multivariate_hypergeometric": ([3, 4], 2), "random": (),
    }.get(method, tuple(0.5 + i for i in range(len(R.DISTRIBUTIONS.get(method, ())))))
    rng = np.random.default_rng(0)
    result = getattr(rng, method)(*args, size=tuple(size))
    assert R.GENERATOR_COSTS[method](*args, size=tuple(size)) == np.size(result)


def test_namespace_overrides_give_counted_classes_in_both_modes():
    for wrap, expected in ((True, flops.FlopscopeArray), (False, np.ndarray)):
        names = R.namespace_overrides(wrap)
        for rng in (names["default_rng"](3), names["Generator"](np.random.PCG64(3))):
            assert isinstance(rng, np.random.Generator)
            assert type(rng.standard_normal(2)) is expected
            assert charged(rng.standard_normal, 2) == 32
        rs = names["RandomState"](3)
        assert type(rs.randn(2)) is expected and charged(rs.randn, 2) == 32
