"""A FLOP budget around a small computation: contexts, namespaces, the decorator.

Run: python examples/budget_basics.py
"""
import flopscope as flops
import flopscope.numpy as fnp

# One explicit budget. Namespaces label phases of it; they are not separate budgets.
with flops.BudgetContext(flop_budget=10**6, quiet=True, namespace="model") as budget:
    W = fnp.ones((64, 32))           # constructors are free
    x = fnp.ones(32)
    with flops.namespace("forward"):
        h = fnp.einsum("ij,j->i", W, x)  # mat-vec: 64*32 multiplies + 64*31 adds = 4,032
        h = fnp.maximum(h, 0.0)      # one comparison per element: 64
    with flops.namespace("loss"):
        loss = fnp.sum(h * h)        # 64 multiplies + 63 adds = 127

print(f"used {budget.flops_used:,} of {budget.flop_budget:,}")        # used 4,223 of 1,000,000
by_ns = budget.summary_dict(by_namespace=True)["by_namespace"]
print(f"forward {by_ns['model.forward']['flops_used']:,}")             # forward 4,096
print(f"loss {by_ns['model.loss']['flops_used']:,}")                   # loss 127
print(f"most expensive: {budget.op_log[0].op_name} {budget.op_log[0].flop_cost:,}")  # einsum 4,032


# The decorator form: every call runs inside the same budget, costs accumulate.
@flops.budget(flop_budget=1000, quiet=True)
def normalise(v):
    return v / fnp.sqrt(fnp.sum(v * v))  # 8 + 7 + 1 + 8 = 24 FLOPs for 8 elements


for _ in range(3):
    normalise(fnp.ones(8))
print(f"decorated: {normalise.budget.flops_used} FLOPs over 3 calls")  # decorated: 72 FLOPs

# Going over budget raises before the operation runs.
try:
    with flops.BudgetContext(flop_budget=100, quiet=True):
        fnp.exp(fnp.ones(1000))
except flops.BudgetExhaustedError as error:
    print(f"refused: {error.op_name} would cost {error.flop_cost:,}")  # exp: 1,000 x weight 16 = 16,000
