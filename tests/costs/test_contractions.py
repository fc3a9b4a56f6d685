"""Contractions: exact costs (arithmetic beside each number), the worked examples of
docs/cost-model-contractions.md, and property tests of the einsum model."""

import itertools
import math
import pathlib
import re
import string

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import flopscope as flops
import flopscope.numpy as fnp
from flopscope.runtime import stubs
from flopscope.runtime.costs import contractions
from flopscope.runtime.costs.contractions import (
    einsum_accumulation_cost,
    einsum_cost,
    matmul_cost,
    parse_subscripts,
)

DOC = pathlib.Path(__file__).parents[2] / "docs" / "cost-model-contractions.md"


def charged(fn):
    with flops.BudgetContext(flop_budget=10**15, quiet=True) as ctx:
        fn()
    return ctx.flops_used


@pytest.fixture
def data():
    rng = np.random.default_rng(0)
    S0 = rng.standard_normal((5, 5))
    return {
        "A": rng.uniform(size=(6, 7)), "B": rng.uniform(size=(6, 7)),
        "x": rng.uniform(size=8), "y": rng.uniform(size=8), "b": rng.uniform(size=5),
        "M": rng.uniform(size=(5, 5)), "S": S0 + S0.T, "X": rng.standard_normal((10, 5)),
        "T3": rng.uniform(size=(3, 5, 4)), "E": rng.uniform(size=(200, 200)),
    }


# -- the worked examples of the doc ----------------------------------------------------
def doc_rows():
    text = DOC.read_text()
    table = text.split("<!-- cost-table:start -->")[1].split("<!-- cost-table:end -->")[0]
    rows = []
    for line in table.strip().splitlines()[2:]:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        rows.append((cells[0].strip("`"), int(cells[1])))
    return rows


def test_doc_table_is_not_empty():
    assert len(doc_rows()) >= 25


@pytest.mark.filterwarnings("ignore::flopscope.errors.SymmetryLossWarning")
@pytest.mark.parametrize("expr,cost", doc_rows(), ids=[r[0] for r in doc_rows()])
def test_doc_worked_example(expr, cost, data, monkeypatch):
    monkeypatch.setenv("FLOPSCOPE_DISABLE_WEIGHTS", "1")  # the doc lists unweighted costs
    scope = dict(data, fnp=fnp, flops=flops, np=np,
                 sym=lambda a: flops.as_symmetric(a, symmetry=(0, 1)))
    with flops.BudgetContext(flop_budget=10**15, quiet=True) as ctx:
        eval(expr, scope)
    assert ctx.flops_used == cost, expr


# -- products -------------------------------------------------------------------------
def test_matmul_shapes(data):
    A, B, x, M, b = data["A"], data["B"], data["x"], data["M"], data["b"]
    assert charged(lambda: fnp.matmul(A, B.T)) == 6 * 6 * (2 * 7 - 1)  # 468
    assert charged(lambda: fnp.matmul(M, data["M"][:, :3])) == 5 * 3 * (2 * 5 - 1)  # 135
    assert charged(lambda: fnp.matmul(x, x)) == 2 * 8 - 1  # 15
    assert charged(lambda: fnp.matmul(M, b)) == 25 * 5  # matrix-vector: a.size*b.size
    assert charged(lambda: fnp.matmul(b, M)) == 5 * 25  # vector-matrix
    assert charged(lambda: fnp.linalg.matmul(A, B.T)) == 468


def test_operator_matmul_counted_array(data):
    A, B, row = data["A"], data["B"], data["A"][0]
    a = A.view(flops.FlopscopeArray)
    assert charged(lambda: a @ B.T) == 468
    assert charged(lambda: B.T @ a) == 7 * 7 * (2 * 6 - 1)  # 539
    assert charged(lambda: a @ row) == 42 * 7  # 294


def test_run_mode_matmul_stub(data):
    M = data["E"]
    v = M[0]
    assert charged(lambda: stubs.matmul(M, v)) == 40000 * 200  # 8,000,000
    assert charged(lambda: stubs.matmul(M.T, M)) == 200 * 200 * 399  # 15,960,000


def test_zero_sized_products():
    assert matmul_cost(np.ones((3, 0)), np.ones((0, 4))) == 0
    assert matmul_cost(np.ones(0), np.ones(0)) == 0
    assert matmul_cost([[1.0, 2.0]], [[1.0], [2.0]]) == 1 * 1 * 3  # lists work


def test_other_products(data):
    A, B, x, y, T3 = data["A"], data["B"], data["x"], data["y"], data["T3"]
    assert charged(lambda: fnp.inner(x, y)) == 15
    assert charged(lambda: fnp.inner(A, 2.0)) == 42  # scalar operand: one per element
    assert charged(lambda: fnp.vdot(x, y)) == 15
    assert charged(lambda: fnp.vecdot(A, B)) == 6 * 7
    assert charged(lambda: fnp.vecdot(A, B[0])) == 6 * 7  # broadcast batch
    assert charged(lambda: fnp.linalg.vecdot(A, B)) == 42
    assert charged(lambda: fnp.outer(A, x)) == 42 * 8
    assert charged(lambda: fnp.linalg.outer(x, y)) == 64
    assert charged(lambda: fnp.tensordot(T3, T3.transpose(1, 2, 0), axes=2)) == 9 * 20  # 180
    assert charged(lambda: fnp.tensordot(x, y, axes=0)) == 64
    assert charged(lambda: fnp.linalg.tensordot(A, B, axes=([1], [1]))) == 252
    assert charged(lambda: fnp.kron(A, x)) == 42 * 8


def test_method_dot(data):
    A, B = data["A"], data["B"]
    a = A.view(flops.FlopscopeArray)
    assert charged(lambda: a.dot(B.T)) == 468
    assert charged(lambda: stubs.call_method(A, "dot", B.T)) == 468


# -- einsum ---------------------------------------------------------------------------
def test_einsum_forms_agree(data):
    A, B = data["A"], data["B"]
    explicit = charged(lambda: fnp.einsum("ij,kj->ik", A, B))
    implicit = charged(lambda: fnp.einsum("ij,kj", A, B))
    interleaved = charged(lambda: fnp.einsum(A, [0, 1], B, [2, 1], [0, 2]))
    spaced = charged(lambda: fnp.einsum(" ij , kj -> ik ", A, B))
    assert explicit == implicit == interleaved == spaced == 468


def test_einsum_ellipsis(data):
    T3 = data["T3"]
    # batched matmul (3,5,4)x(3,4,5): per batch 5*5*4 mult + (100-25) add
    cost = charged(lambda: fnp.einsum("...ij,...jk->...ik", T3, T3.transpose(0, 2, 1)))
    assert cost == 3 * (100 + 75)
    assert charged(lambda: fnp.einsum("...i->...", T3)) == 60 - 15
    assert charged(lambda: fnp.einsum("i...->...", T3)) == 60 - 20


def test_einsum_optimize_does_not_change_cost(data):
    E = data["E"]
    ops = (E[:4, :5], E[:5, :6], E[:6, :7])
    costs = {
        charged(lambda: fnp.einsum("ij,jk,kl->il", *ops, optimize=opt))
        for opt in (False, True, "greedy", "optimal", [(1, 2), (0, 1)],
                    ["einsum_path", (0, 1), (0, 1)])
    }
    assert costs == {(2 * 120 - 24) + (2 * 168 - 28)}  # 524


def test_einsum_explicit_path_without_prefix_runs(data):
    E = data["E"]
    a, b, c = E[:4, :5], E[:5, :6], E[:6, :7]
    got = fnp.einsum("ij,jk,kl->il", a, b, c, optimize=[(1, 2), (0, 1)])
    np.testing.assert_allclose(np.asarray(got), a @ b @ c)


def test_einsum_symmetry_kwarg_tags_without_changing_cost(data):
    X = data["X"]
    with flops.BudgetContext(flop_budget=10**9, quiet=True) as ctx:
        C = fnp.einsum("ki,kj->ij", X, X.copy(), symmetry=(0, 1))
    assert isinstance(C, flops.SymmetricTensor)
    assert ctx.flops_used == 475
    with pytest.raises(flops.errors.SymmetryError):
        fnp.einsum("ki,kj->ij", X, X[:, ::-1].copy(), symmetry=(0, 1))


def test_np_einsum_on_counted_array_is_priced(data):
    A, B = data["A"], data["B"]
    a = A.view(flops.FlopscopeArray)
    assert charged(lambda: np.einsum("ij,kj->ik", a, B)) == 468


def test_einsum_errors():
    with pytest.raises(ValueError):
        parse_subscripts("ij,jk->ik", (2,))
    with pytest.raises(ValueError):
        parse_subscripts("ij->ii", (2,))
    with pytest.raises(ValueError):
        parse_subscripts("ij->k", (2,))
    with pytest.raises(ValueError):
        parse_subscripts("i$->i", (2,))
    with pytest.raises(ValueError):
        fnp.einsum("ij,jk->ik", np.ones((2, 3)), np.ones((4, 5)))


def test_einsum_path_cost_and_result(data):
    A = data["A"]
    assert charged(lambda: fnp.einsum_path("ij,jk->ik", A, A.T)) == 1


def test_accounting_einsum_cost():
    assert einsum_cost("ij,jk->ik", shapes=[(16, 12), (12, 9)]) == 1728 + (1728 - 144)  # 3312
    assert einsum_cost("ij,j->i", shapes=[(16, 12), (12,)]) == 192 + (192 - 16)  # 368


def test_accumulation_cost_object(data):
    X = data["X"]
    cost = einsum_accumulation_cost("ij,ik->jk", X, X)
    assert cost.total == 285 and cost.dense == 475 and int(cost) == 285
    assert cost.steps == [("ij,ik->jk", 285, 475)]
    assert "285" in cost.describe()
    before = charged(lambda: einsum_accumulation_cost("ij,ik->jk", X, X))
    assert before == 0  # a query charges nothing


def test_repeated_operand_three_way():
    v = np.arange(4.0)
    # step 1 'i,j->ij' symmetric: 16 * 10/16 = 10; step 2 fully symmetric: 64 * 20/64 = 20
    assert einsum_accumulation_cost("i,j,k->ijk", v, v, v).total == 10 + 20
    assert einsum_accumulation_cost("i,j,k->ijk", v, v, v.copy()).total == 10 + 64 * 40 // 64


def test_cache_size_setting():
    old = flops.configure(einsum_path_cache_size=8)
    try:
        assert contractions._cached_plan.cache_info().maxsize == 8
        assert einsum_cost("ij,jk->ik", shapes=[(2, 3), (3, 4)]) == 24 + 16
    finally:
        flops.configure(**old)


# -- properties -----------------------------------------------------------------------
def dense_reference(terms, out, sizes):
    """Brute force: cheapest pairwise order, each step 2*prod(all) - prod(kept)."""
    n = len(terms)
    best = math.inf

    def kept(members):
        inside = set("".join(terms[i] for i in members))
        outside = set("".join(terms[i] for i in range(n) if i not in members)) | set(out)
        return inside & (outside if len(members) < n else set(out))

    def rec(nodes, acc):
        nonlocal best
        if len(nodes) == 1:
            best = min(best, acc)
            return
        for i, j in itertools.combinations(range(len(nodes)), 2):
            a, b = nodes[i], nodes[j]
            idx = lambda m: set(terms[m[0]]) if len(m) == 1 else kept(m)  # noqa: E731
            merged = tuple(sorted(a + b))
            p_all = math.prod(sizes[c] for c in idx(a) | idx(b))
            p_out = math.prod(sizes[c] for c in kept(merged))
            rest = [x for k, x in enumerate(nodes) if k not in (i, j)]
            rec(rest + [merged], acc + 2 * p_all - p_out)

    if n == 1:
        return math.prod(sizes[c] for c in set(terms[0])) - math.prod(sizes[c] for c in out)
    rec([(i,) for i in range(n)], 0)
    return best


@st.composite
def equations(draw):
    letters = string.ascii_lowercase[:6]
    sizes = {c: draw(st.integers(1, 4)) for c in letters}
    n = draw(st.integers(1, 4))
    terms = []
    for _ in range(n):
        k = draw(st.integers(0, 3))
        terms.append("".join(draw(st.lists(st.sampled_from(letters), min_size=k, max_size=k))))
    used = sorted(set("".join(terms)))
    out = "".join(draw(st.permutations(used))[: draw(st.integers(0, len(used)))]) if used else ""
    out = "".join(dict.fromkeys(out))
    return terms, out, sizes


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(equations())
def test_dense_einsum_matches_reference(eq):
    terms, out, sizes = eq
    ops = [np.ones(tuple(sizes[c] for c in t)) for t in terms]
    subscripts = ",".join(terms) + "->" + out
    expected = dense_reference(terms, out, sizes)
    assert einsum_accumulation_cost(subscripts, *ops).total == expected
    assert einsum_cost(subscripts, shapes=[o.shape for o in ops]) == expected
    assert charged(lambda: fnp.einsum(subscripts, *ops)) == expected


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(equations(), st.data())
def test_repeated_operand_never_costs_more(eq, draw):
    terms, out, sizes = eq
    # make every operand with the same subscript length and shape the same object
    by_shape = {}
    ops = []
    for t in terms:
        shape = tuple(sizes[c] for c in t)
        ops.append(by_shape.setdefault(shape, np.ones(shape)))
    subscripts = ",".join(terms) + "->" + out
    dense = dense_reference(terms, out, sizes)
    got = einsum_accumulation_cost(subscripts, *ops).total
    assert 0 <= got <= dense


def test_label_sizes_broadcast():
    assert charged(lambda: fnp.einsum("i,i->i", np.ones(1), np.ones(3))) == 3 + 3 - 3


def test_doc_rows_cover_products():
    exprs = " ".join(e for e, _ in doc_rows())
    for name in ("dot", "matmul", "inner", "vdot", "vecdot", "outer", "kron",
                 "tensordot", "einsum", "einsum_path"):
        assert re.search(rf"fnp\.{name}\(", exprs), name


def test_einsum_path_returns_plan_and_numpy_compatible_path(data):
    E = data["E"]
    ops = (E[:4, :5], E[:5, :6], E[:6, :7])
    with flops.BudgetContext(flop_budget=10**6, quiet=True) as ctx:
        path, info = fnp.einsum_path("ij,jk,kl->il", *ops)
        assert ctx.flops_used == 1
        assert info.optimized_cost == 524
        fnp.einsum("ij,jk,kl->il", *ops, optimize=path)  # path usable as is
        assert ctx.flops_used == 1 + 524
    counted = ops[0].view(flops.FlopscopeArray)
    assert charged(lambda: np.einsum_path("ij,jk->ik", counted, ops[1])) == 1
