"""Aliases, dynamic access and import tricks all end at the counted namespace; private
NumPy modules, numeric back doors and uninstrumented code are refused."""

import pytest

SETUP = "import numpy as np\na = np.ones((20, 20))\n"
HONEST = SETUP + "np.exp(a)\n"


def test_aliases_and_numpy_passed_around_are_charged(run):
    honest = run(HONEST)
    for attack in ("import numpy as xp; xp.exp(a)", "from numpy import exp as f; f(a)",
                   "f = np.exp\nf(a)", "def g(mod): return mod.exp(a)\ng(np)",
                   "getattr(np, 'ex' + 'p')(a)"):
        assert run(SETUP + attack).ops == honest.ops, attack


@pytest.mark.parametrize("attack", [
    "__import__('numpy').exp(a)",
    "__import__('importlib').import_module('numpy').exp(a)",
    "import importlib; importlib.__import__('numpy').exp(a)",
    "exec('import numpy as n2; n2.exp(a)')",
    "eval(compile('__import__(\"numpy\").exp(a)', 'x', 'eval'))",
    "import builtins; builtins.__dict__",
])
def test_dynamic_imports_get_the_counted_namespace(run, attack):
    result = run(SETUP + attack)
    if "__dict__" in attack:
        assert result.refused and "__dict__" in result.refused
    else:
        assert result.ok and result.ops == run(HONEST).ops


@pytest.mark.parametrize("attack, refused", [
    ("import sys; sys.modules['numpy'].exp(a)", "'modules'"),
    ("vars(np)['_fs_' + 'numpy'].exp(a)", "KeyError"),
    ("getattr(np, '_fs_' + 'numpy').exp(a)", "'_fs_numpy'"),
    ("np.exp.__wrapped__(a)", "'__wrapped__'"),
    ("import inspect; inspect.unwrap(np.exp).__name__; inspect.unwrap(np.exp)(a)", None),
    ("import operator; operator.attrgetter('_fs_' + 'numpy')(np)", "'_fs_numpy'"),
    ("np.exp.__globals__", "'__globals__'"),
])
def test_dynamic_access_cannot_reach_real_numpy(run, attack, refused):
    result = run(SETUP + attack)
    if refused is None:  # inspect.unwrap stops at the counted function: charged
        assert result.ops == run(HONEST).ops
    elif refused == "KeyError":
        assert isinstance(result.outcome.exception, KeyError) and not result.ops
    else:
        assert result.refused and refused in result.refused, result.outcome
        assert not result.ops


@pytest.mark.parametrize("module", [
    "numpy._core", "numpy._core.umath", "numpy.linalg._umath_linalg", "ctypes",
    "scipy.linalg.blas", "numexpr", "runpy", "multiprocessing", "subprocess", "_operator",
    "flopscope.runtime.budget", "flopscope.runtime.stubs",
])
def test_private_and_back_door_modules_are_refused(run, module):
    for how in (f"import {module} as m", f"__import__({module!r})",
                f"import importlib; importlib.import_module({module!r})"):
        result = run(how)
        named = [part for part in module.split(".") if part.startswith("_")] or [module]
        assert result.blocked and named[0] in (result.refused or result.outcome.message), (
            how, result.outcome)


def test_optional_dependency_fallback_still_works(run):
    result = run("""
        try:
            import numba
        except ImportError as exc:
            print("fallback:", type(exc).__name__)
    """)
    assert result.ok


def test_module_written_at_run_time_outside_the_project_is_refused(run, tmp_path):
    elsewhere = tmp_path.parent / (tmp_path.name + "_lib")
    result = run(f"""
        import os, sys
        os.makedirs({str(elsewhere)!r}, exist_ok=True)
        with open(os.path.join({str(elsewhere)!r}, "helper.py"), "w") as f:
            f.write("def mm(a, b):\\n    return a @ b\\n")
        sys.path.insert(0, {str(elsewhere)!r})
        import helper
    """)
    assert result.refused and "helper" in result.refused


def test_module_written_next_to_the_script_is_instrumented(run, tmp_path):
    result = run("""
        import numpy as np
        with open(__file__.replace("solution.py", "helper.py"), "w") as f:
            f.write("def mm(a, b):\\n    return a @ b\\n")
        import helper
        helper.mm(np.ones((4, 4)), np.ones((4, 4)))
    """)
    assert result.ok and result.ops["matmul"] > 0


def test_flopscope_facade_hides_the_live_budget(run):
    result = run("""
        import flopscope as flops
        import flopscope.numpy as fnp
        with flops.namespace("phase") as ctx:
            assert ctx is None
            fnp.exp(fnp.ones(10))
        flops.budget_reset()
    """)
    assert result.ops == {"exp": result.ops["exp"]} and result.ops["exp"] > 0
    assert isinstance(result.outcome.exception, AttributeError)  # no budget_reset
