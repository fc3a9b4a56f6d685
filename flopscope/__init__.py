"""flopscope: exact, reproducible FLOP accounting and budgets for NumPy programs.

>>> import flopscope as flops
>>> import flopscope.numpy as fnp
>>> with flops.BudgetContext(flop_budget=10**6, quiet=True) as b:
...     _ = fnp.exp(fnp.ones(10))
>>> b.flops_used
160
"""

from flopscope import errors
from flopscope.errors import BudgetExhaustedError, TimeExhaustedError
from flopscope.live import budget_live
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
from flopscope.runtime.einsum_info import PathInfo, StepInfo

__version__ = "0.1.0"

__all__ = [
    "BudgetContext",
    "BudgetExhaustedError",
    "FlopscopeArray",
    "PathInfo",
    "StepInfo",
    "TimeExhaustedError",
    "budget",
    "budget_live",
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
]

# Symmetry and cost queries (flopscope/symmetry_api.py).
from flopscope.symmetry_api import (  # noqa: E402
    AccumulationCost,
    SymmetricTensor,
    SymmetryGroup,
    as_symmetric,
    configure,
    einsum_accumulation_cost,
    is_symmetric,
    reduction_accumulation_cost,
    symmetrize,
    tier2_reduction_cost,
)

__all__ += [
    "AccumulationCost", "SymmetricTensor", "SymmetryGroup", "as_symmetric", "configure",
    "einsum_accumulation_cost", "is_symmetric", "reduction_accumulation_cost", "symmetrize",
    "tier2_reduction_cost",
]

# Counted distributions and cost queries (flopscope/stats.py, flopscope/accounting.py).
from flopscope import accounting, stats  # noqa: E402

__all__ += ["accounting", "stats"]
