"""What the cost-family tests share: the cost of one call, weighted or not."""

import flopscope as flops


def charged(fn, *args, **kwargs) -> int:
    """FLOPs charged for ``fn(*args, **kwargs)`` in a fresh budget context."""
    with flops.BudgetContext(flop_budget=10**15, quiet=True) as ctx:
        fn(*args, **kwargs)
    return ctx.flops_used
