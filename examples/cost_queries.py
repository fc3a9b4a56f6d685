"""Ask what operations cost before running them, then check the budget agrees.

Run: python examples/cost_queries.py
"""
import flopscope as flops
import flopscope.accounting  # noqa: F401  (cost queries: flops.accounting.*)
import flopscope.numpy as fnp

# Queries take shapes, run nothing and charge nothing.
matmul = flops.accounting.einsum_cost("ij,jk->ik", shapes=[(16, 12), (12, 9)])
relu = flops.accounting.pointwise_cost("maximum", shape=(16, 9))
total = flops.accounting.reduction_cost("sum", input_shape=(16, 9))
print(f"planned: einsum {matmul:,} + maximum {relu} + sum {total} = {matmul + relu + total:,}")
# planned: einsum 3,312 + maximum 144 + sum 143 = 3,599

with flops.BudgetContext(flop_budget=matmul + relu + total, quiet=True) as budget:
    A = fnp.ones((16, 12))
    B = fnp.ones((12, 9))
    out = fnp.sum(fnp.maximum(fnp.einsum("ij,jk->ik", A, B), 0.0))
print(f"charged: {budget.flops_used:,}, remaining: {budget.flops_remaining}")
# charged: 3,599, remaining: 0

# Declared symmetry makes pointwise work cheaper: only the unique entries are computed.
S = flops.as_symmetric(fnp.ones((10, 10)), symmetry=(0, 1))
with flops.BudgetContext(flop_budget=10**6, quiet=True) as budget:
    fnp.multiply(S, 2.0)
print(f"2*S on a symmetric 10x10: {budget.flops_used} FLOPs")  # 55 = 10*11/2, not 100
