"""Budget semantics: charging before execution, nesting, decorator, namespaces,
default budget, weights, time limits."""

import json
import sys
import time

import numpy as np
import pytest

import flopscope as flops
import flopscope.numpy as fnp
from flopscope.errors import BudgetExhaustedError, TimeExhaustedError


def test_exhaustion_raises_before_the_op_runs_and_leaves_out_untouched():
    a = np.ones((10, 10))
    out = np.full((10, 10), 7.0)
    with flops.BudgetContext(flop_budget=1000, quiet=True) as ctx:
        with pytest.raises(BudgetExhaustedError) as info:
            line = sys._getframe().f_lineno + 1
            fnp.exp(a, out=out)  # 100 elements * weight 16 = 1600 > 1000
        assert ctx.flops_used == 0
    assert (out == 7.0).all()
    assert info.value.location == (__file__, line)  # the user's line, not flopscope's
    assert str(info.value).startswith(f"{__file__}:{line}: exp would cost 1,600")
    assert info.value.op_name == "exp"
    assert info.value.flop_cost == 1600
    assert info.value.flops_remaining == 1000


def test_once_exhausted_every_further_counted_op_raises():
    with flops.BudgetContext(flop_budget=100, quiet=True) as ctx:
        with pytest.raises(BudgetExhaustedError):
            fnp.add(np.ones(200), 1.0)
        with pytest.raises(BudgetExhaustedError):
            fnp.add(np.ones(2), 1.0)  # would fit, but the budget is spent
        assert ctx.flops_used == 0


def test_exact_fit_is_allowed():
    with flops.BudgetContext(flop_budget=42, quiet=True) as ctx:
        fnp.add(np.ones((6, 7)), 1.0)  # 6*7 = 42
        assert ctx.flops_remaining == 0


def test_nesting_two_explicit_contexts_is_an_error():
    with flops.BudgetContext(flop_budget=10, quiet=True):
        with pytest.raises(RuntimeError, match="already active"):
            with flops.BudgetContext(flop_budget=10, quiet=True):
                pass


def test_decorator_reuses_one_context_and_accumulates():
    @flops.budget(flop_budget=10**6, quiet=True)
    def step(x):
        return fnp.multiply(x, 2.0)

    step(np.ones(5))
    step(np.ones(7))
    assert step.budget.flops_used == 12  # 5 + 7
    assert step.budget.operations()["multiply"] == (12, 2)


def test_namespaces_attribute_within_one_budget():
    with flops.BudgetContext(flop_budget=10**6, quiet=True, namespace="train") as ctx:
        fnp.add(np.ones(3), 1.0)
        with flops.namespace("precompute"):
            fnp.add(np.ones(4), 1.0)
    data = ctx.summary_dict(by_namespace=True)
    assert data["flops_used"] == 7  # one pool: 3 + 4
    assert data["by_namespace"]["train"]["flops_used"] == 3
    assert data["by_namespace"]["train.precompute"]["flops_used"] == 4


def test_global_default_budget_counts_without_context():
    fnp.add(np.ones(9), 1.0)
    data = flops.budget_summary_dict()
    assert data["flops_used"] == 9
    assert data["flop_budget"] == 10**15
    assert data["operations"]["add"]["calls"] == 1


def test_default_budget_env_var(monkeypatch):
    monkeypatch.setenv("FLOPSCOPE_DEFAULT_BUDGET", "50")
    flops.budget_reset()
    with pytest.raises(BudgetExhaustedError):
        fnp.add(np.ones(51), 1.0)


def test_default_budget_env_var_rejects_garbage(monkeypatch):
    monkeypatch.setenv("FLOPSCOPE_DEFAULT_BUDGET", "lots")
    with pytest.raises(ValueError, match="FLOPSCOPE_DEFAULT_BUDGET"):
        flops.budget_reset()
    monkeypatch.delenv("FLOPSCOPE_DEFAULT_BUDGET")


def test_weights_file_override(tmp_path, monkeypatch):
    path = tmp_path / "w.json"
    path.write_text(json.dumps({"exp": 3}))
    monkeypatch.setenv("FLOPSCOPE_WEIGHTS_FILE", str(path))
    with flops.BudgetContext(flop_budget=10**6, quiet=True) as ctx:
        fnp.exp(np.ones(10))
        fnp.sin(np.ones(10))  # not in the file: weight 1
    assert ctx.flops_used == 10 * 3 + 10


def test_bad_weights_file_warns_and_falls_back(tmp_path, monkeypatch):
    path = tmp_path / "w.json"
    path.write_text("{not json")
    monkeypatch.setenv("FLOPSCOPE_WEIGHTS_FILE", str(path))
    with pytest.warns(flops.errors.FlopscopeWarning, match="falling back"):
        ctx = flops.BudgetContext(flop_budget=10**6, quiet=True)
    with ctx:
        fnp.exp(np.ones(10))
    assert ctx.flops_used == 160  # packaged weight 16


def test_disable_weights(monkeypatch):
    monkeypatch.setenv("FLOPSCOPE_DISABLE_WEIGHTS", "1")
    with flops.BudgetContext(flop_budget=10**6, quiet=True) as ctx:
        fnp.exp(np.ones(10))
    assert ctx.flops_used == 10


def test_flop_multiplier():
    with flops.BudgetContext(flop_budget=10**6, flop_multiplier=2.5, quiet=True) as ctx:
        fnp.add(np.ones(4), 1.0)
    assert ctx.flops_used == 10


def test_wall_time_limit():
    with flops.BudgetContext(flop_budget=10**9, wall_time_limit_s=0.01, quiet=True) as ctx:
        fnp.add(np.ones(2), 1.0)
        time.sleep(0.02)
        with pytest.raises(TimeExhaustedError):
            fnp.add(np.ones(2), 1.0)
    assert ctx.flops_used == 2


def test_counted_array_operators_and_scalars():
    a = np.ones((2, 3)).view(flops.FlopscopeArray)
    with flops.BudgetContext(flop_budget=10**6, quiet=True) as ctx:
        s = a.sum()  # 6 - 1 = 5, returned as a counted 0-d array
        _ = s * 2.0  # 0-d arithmetic is charged: 1
        _ = np.float64(1.0) * 2.0  # NumPy scalars are free
    assert ctx.flops_used == 6


def test_summary_text_and_deduct():
    with flops.BudgetContext(flop_budget=1000, quiet=True) as ctx:
        ctx.deduct("my_kernel", flop_cost=120)
        with pytest.raises(ValueError):
            ctx.deduct("my_kernel", flop_cost=-1)
    text = ctx.summary()
    assert "my_kernel" in text and "120" in text
    assert ctx.summary_dict()["operations"]["my_kernel"] == {
        "flop_cost": 120, "calls": 1, "percent": 100.0}


def test_refused_and_unknown_names_raise_attribute_errors():
    with pytest.raises(flops.errors.UnsupportedFunctionError, match="matrix"):
        fnp.matrix
    with pytest.raises(AttributeError, match="did you mean"):
        fnp.expp


def test_numpy_function_without_cost_model_is_refused_on_counted_arrays(monkeypatch):
    from flopscope.runtime import array, registry

    registry.name_of(np.sum)  # make sure the registry is loaded before we edit it
    monkeypatch.delitem(registry._by_callable, id(np.sum))
    monkeypatch.delitem(registry._rules, "sum")  # nor found by its name
    monkeypatch.setattr(array, "_function_cache", {})
    a = np.ones(3).view(flops.FlopscopeArray)
    with pytest.raises(flops.errors.UnsupportedFunctionError, match="no cost model"):
        np.sum(a)


def test_op_log_is_aggregated_and_cumulative():
    with flops.BudgetContext(flop_budget=10**6, quiet=True) as ctx:
        for _ in range(3):
            fnp.add(np.ones(4), 1.0)  # 3 x 4 = 12
        with flops.namespace("inner"):
            fnp.exp(np.ones(2))  # 2 x 16 = 32
    log = ctx.op_log
    assert [(r.op_name, r.flop_cost, r.calls, r.namespace) for r in log] == [
        ("exp", 32, 1, "inner"), ("add", 12, 3, None)]
    assert [r.cumulative for r in log] == [32, 44]


def test_wall_time_splits_exactly_into_backend_overhead_and_residual():
    big = np.ones((300, 300))
    with flops.BudgetContext(flop_budget=10**12, quiet=True) as ctx:
        fnp.exp(big)
        time.sleep(0.02)  # user time: residual, not backend
    data = ctx.summary_dict()
    parts = (data["flopscope_backend_time_s"] + data["flopscope_overhead_time_s"]
             + data["residual_wall_time_s"])
    assert parts == pytest.approx(data["wall_time_s"], abs=1e-9)
    assert data["flopscope_backend_time_s"] > 0
    assert data["residual_wall_time_s"] >= 0.02
    assert data["flopscope_backend_time_s"] < 0.02
