"""flopscope: exact, reproducible FLOP accounting and budgets for NumPy programs.

>>> import flopscope as flops
>>> import flopscope.numpy as fnp
>>> with flops.BudgetContext(flop_budget=10**6, quiet=True) as b:
...     _ = fnp.exp(fnp.ones(10))
>>> b.flops_used
160
"""

import importlib

from flopscope import errors
from flopscope.errors import BudgetExhaustedError, TimeExhaustedError
from flopscope.runtime.array import FlopscopeArray
from flopscope.runtime.budget import (
    BudgetContext,
    budget,
    budget_reset,
    budget_summary,
    budget_summary_dict,
    namespace,
)
from flopscope.runtime.caches import (
    clear_cache,
    einsum_cache_info,
    einsum_clear_caches,
    reduction_cache_info,
    reduction_clear_cache,
)

__version__ = "0.1.0"

# Names made on first use, so that ``import flopscope`` stays close to ``import
# numpy``: name -> (module, attribute or None for the module itself).
_LAZY = {
    "budget_live": ("flopscope.live", "budget_live"),
    "PathInfo": ("flopscope.runtime.einsum_info", "PathInfo"),
    "StepInfo": ("flopscope.runtime.einsum_info", "StepInfo"),
    "accounting": ("flopscope.accounting", None),
    "stats": ("flopscope.stats", None),
    **{name: ("flopscope.symmetry_api", name) for name in (
        "AccumulationCost", "SymmetricTensor", "SymmetryGroup", "as_symmetric", "configure",
        "einsum_accumulation_cost", "is_symmetric", "reduction_accumulation_cost",
        "symmetrize", "tier2_reduction_cost")},
}

__all__ = [
    "BudgetContext",
    "BudgetExhaustedError",
    "FlopscopeArray",
    "TimeExhaustedError",
    "budget",
    "budget_reset",
    "budget_summary",
    "budget_summary_dict",
    "clear_cache",
    "einsum_cache_info",
    "einsum_clear_caches",
    "errors",
    "namespace",
    "reduction_cache_info",
    "reduction_clear_cache",
    "__version__",
    *_LAZY,
]


def __getattr__(name):
    where = _LAZY.get(name)
    if where is None:
        raise AttributeError(f"module 'flopscope' has no attribute {name!r}")
    module = importlib.import_module(where[0])
    value = module if where[1] is None else getattr(module, where[1])
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_LAZY))
