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
from flopscope.runtime.array import FlopscopeArray
from flopscope.runtime.budget import (
    BudgetContext,
    budget,
    budget_reset,
    budget_summary,
    budget_summary_dict,
    namespace,
)

__version__ = "0.1.0"

__all__ = [
    "BudgetContext",
    "BudgetExhaustedError",
    "FlopscopeArray",
    "TimeExhaustedError",
    "budget",
    "budget_reset",
    "budget_summary",
    "budget_summary_dict",
    "errors",
    "namespace",
    "__version__",
]
