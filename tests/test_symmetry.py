"""Symmetric tensors: groups, validation, cost reductions and propagation rules."""

import copy
import math
import pickle
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import flopscope as flops
import flopscope.numpy as fnp
from flopscope.errors import SymmetryError, SymmetryLossWarning
from flopscope.runtime import stubs
from flopscope.runtime.symmetry import (
    SymmetricTensor,
    SymmetryGroup,
    binary_output_unique_size,
    keep_symmetry_post,
    symmetric_matrix,
)

pytestmark = pytest.mark.filterwarnings("ignore::flopscope.errors.SymmetryLossWarning")


def charged(fn):
    with flops.BudgetContext(flop_budget=10**15, quiet=True) as ctx:
        fn()
    return ctx.flops_used


@pytest.fixture(autouse=True)
def unweighted(monkeypatch):
    monkeypatch.setenv("FLOPSCOPE_DISABLE_WEIGHTS", "1")


def sym_matrix(n=5, seed=0):
    a = np.random.default_rng(seed).standard_normal((n, n))
    return flops.as_symmetric(a + a.T, symmetry=(0, 1))


def sym3(n=4):
    g = np.random.default_rng(1).standard_normal((n, n, n))
    return flops.symmetrize(g, symmetry=(0, 1, 2))


# -- groups ---------------------------------------------------------------------------
def test_group_orders_and_unique_counts():
    s3 = SymmetryGroup.symmetric(axes=(0, 1, 2))
    c3 = SymmetryGroup.cyclic(axes=(0, 1, 2))
    d4 = SymmetryGroup.dihedral(axes=(0, 1, 2, 3))
    young = SymmetryGroup.young(blocks=((0, 1), (2, 3)))
    assert (s3.order(), c3.order(), d4.order(), young.order()) == (6, 3, 8, 4)
    assert s3.unique_count((4, 4, 4)) == math.comb(6, 3)  # 20
    assert c3.unique_count((3, 3, 3)) == (27 + 3 + 3) // 3  # Burnside: 11
    assert young.unique_count((3, 3, 5, 5)) == 6 * 15
    assert SymmetryGroup.symmetric((0, 1)).unique_count((5, 5, 2)) == 15 * 2


def test_group_from_generators_recognises_young():
    g = SymmetryGroup.from_generators([[1, 0, 2], [0, 2, 1]], axes=(0, 1, 2))
    assert g.blocks == ((0, 1, 2),)
    swap = SymmetryGroup.from_generators([[2, 3, 0, 1]], axes=(0, 1, 2, 3))
    assert swap.order() == 2 and swap.blocks is None
    assert swap.unique_count((2, 2, 2, 2)) == (16 + 4) // 2


def test_group_operations():
    s3 = SymmetryGroup.symmetric(axes=(0, 1, 2))
    c3 = SymmetryGroup.cyclic(axes=(0, 1, 2))
    assert s3.intersect(c3) == c3
    assert c3.issubgroup(s3) and not s3.issubgroup(c3)
    # pointwise stabiliser of axis 2 in S3 is S2; in C3 it is trivial
    assert s3.refine(("a", "a", "own")).blocks == ((0, 1),)
    assert c3.refine(("a", "a", "own")).is_trivial()
    direct = SymmetryGroup.direct_product(SymmetryGroup.symmetric((0, 1)),
                                          SymmetryGroup.symmetric((2, 3)))
    assert direct.blocks == ((0, 1), (2, 3))
    assert (1, 0, 2) in s3 and (1, 2, 0) in c3 and (1, 0, 2) not in c3


def test_huge_group_falls_back_to_dense():
    old = flops.configure(dimino_budget=100)
    try:
        g = SymmetryGroup.from_generators(
            [[1, 2, 3, 4, 5, 0], [1, 0, 2, 3, 4, 5]], axes=range(6))  # S6 as generators
        with pytest.warns(flops.errors.CostFallbackWarning):
            assert g.unique_count((2,) * 6) == 64
    finally:
        flops.configure(**old)


# -- declaring ------------------------------------------------------------------------
def test_as_symmetric_validates():
    with pytest.raises(SymmetryError):
        flops.as_symmetric(np.arange(4.0).reshape(2, 2), symmetry=(0, 1))
    with pytest.raises(SymmetryError):
        flops.as_symmetric(np.ones((2, 3)), symmetry=(0, 1))  # unequal axes
    with pytest.raises(SymmetryError):
        flops.as_symmetric(np.ones((2, 2)), symmetry=(0, 2))  # axis out of range
    s = flops.as_symmetric([[1.0, 2.0], [2.0, 1.0]])
    assert isinstance(s, SymmetricTensor) and s.unique_size == 3
    assert s.symmetry == SymmetryGroup.symmetric((0, 1))


def test_symmetry_forms():
    t = np.ones((3, 3, 5, 5))
    a = flops.as_symmetric(t, symmetry=((0, 1), (2, 3)))
    b = flops.as_symmetric(t, symmetry=SymmetryGroup.young(blocks=((0, 1), (2, 3))))
    assert a.symmetry == b.symmetry and a.unique_size == 6 * 15


def test_is_symmetric_and_symmetrize():
    a = np.random.default_rng(0).standard_normal((4, 4))
    assert not flops.is_symmetric(a)
    assert flops.is_symmetric(a + a.T)
    assert not flops.is_symmetric(np.ones((2, 3)))
    with flops.BudgetContext(flop_budget=10**6, quiet=True) as ctx:
        s = flops.symmetrize(a, symmetry=(0, 1))
    assert ctx.flops_used == (2 + 1) * 16
    np.testing.assert_allclose(np.asarray(s), (a + a.T) / 2)
    assert flops.is_symmetric(s)


# -- charged costs --------------------------------------------------------------------
def test_pointwise_and_reduction_costs():
    S = sym_matrix()
    assert charged(lambda: fnp.exp(S)) == 15
    assert charged(lambda: fnp.sum(S)) == 14
    assert charged(lambda: fnp.sum(S, axis=0)) == 20  # along an axis: dense
    assert charged(lambda: fnp.add(S, S)) == 15
    assert charged(lambda: fnp.add(S, 1.0)) == 15
    assert charged(lambda: fnp.add(S, np.ones((5, 5)))) == 25
    assert charged(lambda: S * 2.0) == 15  # operator on a symmetric tensor
    assert charged(lambda: fnp.mean(S)) == 15


def test_binary_output_unique_size_broadcasting():
    S = sym_matrix()
    assert binary_output_unique_size(S, np.ones((1, 1))) == 15
    assert binary_output_unique_size(S, np.ones(5)) == 25  # varies along axis 1
    assert binary_output_unique_size(S, np.ones((3, 1, 1))) == 3 * 15
    stretched = flops.as_symmetric(np.ones((1, 1, 4)), symmetry=(0, 1))
    assert binary_output_unique_size(stretched, fnp.ones((3, 3, 4))) == 6 * 4


def test_constructors_are_free_and_symmetric():
    with flops.BudgetContext(flop_budget=10**6, quiet=True) as ctx:
        e, i, o, z = fnp.eye(4), fnp.identity(4), fnp.ones((3, 3, 4)), fnp.zeros((4, 4))
        rect, shifted = fnp.eye(4, 5), fnp.eye(4, k=1)
    assert ctx.flops_used == 0
    assert isinstance(e, SymmetricTensor) and isinstance(i, SymmetricTensor)
    assert o.symmetry.blocks == ((0, 1),)
    for plain in (z, rect, shifted, fnp.ones(5), fnp.ones((2, 3))):
        assert not isinstance(plain, SymmetricTensor)
    assert charged(lambda: fnp.exp(fnp.eye(5))) == 15
    assert charged(lambda: fnp.sum(fnp.ones((5, 5)))) == 14


def test_run_mode_eye_scalar_product_and_dense_sum():
    e = stubs.numpy.eye(200)
    assert isinstance(e, SymmetricTensor)
    with flops.BudgetContext(flop_budget=10**15, quiet=True) as ctx:
        half = stubs.mul(0.5, e)
        assert ctx.flops_used == 200 * 201 // 2  # 20100
        total = stubs.add(np.ones((200, 200)), half)
        assert ctx.flops_used == 20100 + 40000
    assert isinstance(half, SymmetricTensor)
    assert type(total) is np.ndarray  # run mode keeps plain arrays plain
    assert charged(lambda: stubs.matmul(e, np.ones(200))) == 40000 * 200  # matmul: dense


def test_linalg_helpers():
    S = sym_matrix()
    assert symmetric_matrix(S) and not symmetric_matrix(np.ones((5, 5)))
    stack = flops.as_symmetric(np.ones((2, 3, 3)), symmetry=(1, 2))
    assert symmetric_matrix(stack)
    inv = keep_symmetry_post(np.linalg.inv(np.asarray(S)), (S,), {})
    assert isinstance(inv, SymmetricTensor)


def test_cost_queries():
    T = flops.as_symmetric(np.zeros((4, 4, 4)), symmetry=(0, 1, 2))
    assert flops.reduction_accumulation_cost(T).total == 20 - 1
    assert flops.reduction_accumulation_cost(np.zeros((4, 4, 4))).total == 63
    S2 = flops.as_symmetric(np.zeros((6, 6)), symmetry=(0, 1))
    assert flops.reduction_accumulation_cost(S2, axis=0).total == 36 - 6
    assert flops.reduction_accumulation_cost(S2).total == 21 - 1
    assert flops.reduction_accumulation_cost(np.zeros(10), extra_ops=1).total == 9 + 1
    assert flops.tier2_reduction_cost(S2) == 21
    assert flops.tier2_reduction_cost(S2, axis=0) == 36
    assert flops.tier2_reduction_cost(S2, axis=0, dense_per_output_cost=7) == 6 * 7


# -- propagation ----------------------------------------------------------------------
def test_unary_keeps_group_and_multi_output():
    S = flops.as_symmetric(np.array([[1.5, 2.5], [2.5, 3.5]]), symmetry=(0, 1))
    frac, whole = fnp.modf(S)
    assert isinstance(frac, SymmetricTensor) and isinstance(whole, SymmetricTensor)
    c3 = flops.symmetrize(np.random.default_rng(0).standard_normal((3, 3, 3)),
                          symmetry=SymmetryGroup.cyclic((0, 1, 2)))
    assert fnp.exp(c3).symmetry == c3.symmetry


def test_binary_intersection():
    s3 = sym3(3)
    c3 = flops.symmetrize(np.random.default_rng(0).standard_normal((3, 3, 3)),
                          symmetry=SymmetryGroup.cyclic((0, 1, 2)))
    both = fnp.add(s3, c3)
    assert both.symmetry == c3.symmetry
    with pytest.warns(SymmetryLossWarning):
        fnp.add(s3, c3)
    dense = fnp.add(s3, np.ones((3, 3, 3)) * np.arange(3))
    assert not isinstance(dense, SymmetricTensor)


def test_slicing_rules():
    S = flops.as_symmetric(np.ones((6, 6)), symmetry=(0, 1))
    assert isinstance(S[:3, :3], SymmetricTensor)
    assert not isinstance(S[:3, :2], SymmetricTensor)
    assert not isinstance(S[:3, 1:4], SymmetricTensor)  # same size, different rows
    assert not isinstance(S[0], SymmetricTensor)
    assert not isinstance(S[np.array([0, 1])], SymmetricTensor)
    assert S[None, :, :].symmetry.blocks == ((1, 2),)
    assert S[..., :].symmetry.blocks == ((0, 1),)
    assert isinstance(S[2, 3], float)
    t = sym3()
    assert t[:, :, 0].symmetry.blocks == ((0, 1),)
    c3 = flops.symmetrize(np.random.default_rng(0).standard_normal((4, 4, 4)),
                          symmetry=SymmetryGroup.cyclic((0, 1, 2)))
    assert not isinstance(c3[:, :, 0], SymmetricTensor)


def test_reduction_rules():
    t = sym3()
    assert fnp.sum(t, axis=0).symmetry.blocks == ((0, 1),)
    kept = fnp.sum(t, axis=0, keepdims=True)
    assert kept.symmetry.blocks == ((1, 2),)
    c4 = flops.symmetrize(np.random.default_rng(0).standard_normal((3, 3, 3, 3)),
                          symmetry=SymmetryGroup.cyclic((0, 1, 2, 3)))
    r = fnp.sum(c4, axis=(1, 3))
    assert isinstance(r, SymmetricTensor) and r.symmetry.order() == 2
    assert not isinstance(fnp.sum(fnp.ones((3, 3)), axis=0), SymmetricTensor)


def test_transpose_copy_reshape():
    young = flops.as_symmetric(np.ones((3, 3, 5, 5)), symmetry=((0, 1), (2, 3)))
    assert young.transpose(2, 3, 0, 1).symmetry.blocks == ((0, 1), (2, 3))
    assert young.transpose(0, 2, 1, 3).symmetry.blocks == ((0, 2), (1, 3))
    assert young.T.symmetry.blocks == ((0, 1), (2, 3))
    assert young.swapaxes(0, 2).symmetry.blocks == ((0, 3), (1, 2))
    assert isinstance(young.copy(), SymmetricTensor)
    assert isinstance(young.astype(np.float32), SymmetricTensor)
    assert not isinstance(young.reshape(9, 25), SymmetricTensor)
    assert type(young.view(flops.FlopscopeArray)) is flops.FlopscopeArray
    assert isinstance(copy.deepcopy(young), SymmetricTensor)
    back = pickle.loads(pickle.dumps(young))
    assert isinstance(back, SymmetricTensor) and back.symmetry == young.symmetry


def test_matrix_products_are_not_symmetric():
    S = sym_matrix()
    assert not isinstance(S @ S, SymmetricTensor)
    assert not isinstance(fnp.matmul(S, S), SymmetricTensor)


def test_writes_downgrade_with_warning():
    S = sym_matrix()
    with pytest.warns(SymmetryLossWarning):
        S[0, 1] = 99.0
    assert type(S) is flops.FlopscopeArray
    S = sym_matrix()
    S[...] = 2.0  # a scalar over everything keeps the symmetry
    assert isinstance(S, SymmetricTensor)
    S *= 3.0
    assert isinstance(S, SymmetricTensor)
    with pytest.warns(SymmetryLossWarning):
        S += np.arange(25.0).reshape(5, 5)
    assert type(S) is flops.FlopscopeArray
    S = sym_matrix()
    with pytest.warns(SymmetryLossWarning):
        S.sort(axis=0)
    assert type(S) is flops.FlopscopeArray


def test_configure_silences_warnings_and_rejects_unknown_keys():
    S = sym_matrix()
    old = flops.configure(symmetry_warnings=False)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            fnp.add(S, np.arange(25.0).reshape(5, 5))
    finally:
        flops.configure(**old)
    with pytest.raises(ValueError):
        flops.configure(no_such_setting=1)
    with pytest.raises(TypeError):
        flops.configure(symmetry_warnings="yes")


def test_repr_and_derived_views_are_plain():
    S = sym_matrix()
    assert "SymmetricTensor" in repr(S)
    assert type(np.concatenate([S, S])) is not SymmetricTensor
    assert not isinstance(S.ravel(), SymmetricTensor)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 5), st.integers(2, 4), st.sampled_from(["sym", "cyc", "dih"]))
def test_unique_count_matches_brute_force(n, k, kind):
    axes = tuple(range(k))
    group = {"sym": SymmetryGroup.symmetric, "cyc": SymmetryGroup.cyclic,
             "dih": SymmetryGroup.dihedral}[kind](axes)
    perms = group.elements()
    seen = set()
    for idx in np.ndindex(*(n,) * k):
        seen.add(min(tuple(idx[p.index(i)] for i in range(k)) for p in perms))
    assert group.unique_count((n,) * k) == len(seen)
