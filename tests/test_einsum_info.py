"""PathInfo/StepInfo: what fnp.einsum_path returns, independent of who registers it."""

import pickle

import numpy as np
import pytest

import flopscope as flops
from flopscope.runtime import caches
from flopscope.runtime.einsum_info import (
    EinsumPath,
    PathInfo,
    StepInfo,
    dense_step_cost,
    einsum_path_impl,
    plan,
)


def test_exported_at_top_level():
    assert flops.PathInfo is PathInfo and flops.StepInfo is StepInfo


def test_matmul_plan_is_a_string_with_numbers():
    info = plan("ij,jk->ik", [(6, 7), (7, 6)])
    assert isinstance(info, str) and isinstance(info, PathInfo)
    assert info.optimized_cost == info.naive_cost == 468  # 252 multiplies + 216 adds
    assert info.speedup == 1.0 and info.savings == 0.0
    assert info.path == [(0, 1)]
    assert info.largest_intermediate == 36
    assert info.index_sizes == {"i": 6, "j": 7, "k": 6}
    (step,) = info.steps
    assert step.contract == (0, 1) and step.flop_cost == step.cost == 468
    assert step.subscripts == step.subscript and step.output_shape == (6, 6)
    assert step.blas == "GEMM" and step.cumulative == 468 and step.operand_subset == (0, 1)
    text = str(info)
    assert "Complete contraction:  ij,jk->ik" in text
    assert "Optimized cost (flopscope):  468" in text
    assert "Index sizes:  i=k=6, j=7" in text


def test_unpacks_like_numpy_and_reads_like_info():
    A, B, C = np.ones((3, 4)), np.ones((4, 5)), np.ones((5, 6))
    result = einsum_path_impl("ij,jk,kl->il", A, B, C)
    assert isinstance(result, tuple) and isinstance(result, EinsumPath)
    path, info = result
    assert path == info.path and len(path) == 2
    assert result.optimized_cost == info.optimized_cost
    assert [s.cumulative for s in info.steps][-1] == sum(s.flop_cost for s in info.steps)
    # NumPy-style explicit paths (with the leading "einsum_path") are accepted.
    forced = einsum_path_impl("ij,jk,kl->il", A, B, C, optimize=["einsum_path", (1, 2), (0, 1)])
    assert forced.path == [(1, 2), (0, 1)] and forced.info.optimizer_used == "explicit"
    assert forced.steps[0].operand_subset == (1, 2)


def test_single_operand_and_ellipsis():
    trace = plan("ii", [(5, 5)])
    assert trace.optimized_cost == 4 and trace.steps[0].subscript == "ii->"
    batched = plan("...ij,...jk", [(2, 6, 7), (2, 7, 6)])
    assert batched.optimized_cost == 936


def test_verbose_table_and_pickle():
    info = plan("ijk,ai,bj,ck->abc", [(4, 4, 4), (4, 4), (4, 4), (4, 4)])
    verbose = info.format_table(verbose=True)
    assert verbose.count("cumulative") == len(info.steps) == 3
    assert str(info) == info.format_table()
    again = pickle.loads(pickle.dumps(info))
    assert again == info and again.optimized_cost == info.optimized_cost
    assert again.steps == info.steps


def test_given_costs_are_reported():
    info = plan("ij,jk->ik", [(6, 7), (7, 6)], optimized_cost=200, step_costs=[200])
    assert info.optimized_cost == 200 and info.steps[0].flop_cost == 200
    assert info.steps[0].dense_flop_cost == 468


def test_dense_step_cost():
    sizes = {"i": 6, "j": 7, "k": 6}
    assert dense_step_cost("ij,jk->ik", sizes) == 468
    assert dense_step_cost("ij,j->i", {"i": 6, "j": 7}) == 78
    assert dense_step_cost("i,j->ij", {"i": 6, "j": 7}) == 42


def test_path_cache_counts_hits():
    caches.clear_einsum_cache()
    plan("ab,bc->ac", [(2, 3), (3, 4)])
    plan("ab,bc->ac", [(2, 3), (3, 4)])
    info = caches.einsum_path_cache_info()
    assert info.hits >= 1 and info.currsize >= 1


def test_rejects_bad_input():
    with pytest.raises(TypeError):
        einsum_path_impl(np.ones(3), [0])
    with pytest.raises(TypeError):
        plan("ij->i", [(2, 2)], optimize=3.5)
