"""Plan an einsum before paying for it: einsum_path, PathInfo, symmetric operands.

Run: python examples/einsum_planning.py
"""
import flopscope as flops
import flopscope.numpy as fnp

A = fnp.ones((3, 4))
B = fnp.ones((4, 5))
C = fnp.ones((5, 6))

with flops.BudgetContext(flop_budget=10**6, quiet=True) as budget:
    path, info = fnp.einsum_path("ij,jk,kl->il", A, B, C)  # planning is charged 1 FLOP
print(f"planning charged {budget.flops_used} FLOP")             # planning charged 1 FLOP
print(f"path {path}, optimizer {info.optimizer_used}")         # path [(0, 1), (0, 1)], optimizer optimal
print(f"einsum will cost {info.optimized_cost:,}")              # einsum will cost 267
for step in info.steps:                                        # jk,ij->ki costs 105 (60 mul + 45 add)
    print(f"  {step.subscript} costs {step.flop_cost}")        # ki,kl->il costs 162 (90 mul + 72 add)

with flops.BudgetContext(flop_budget=10**6, quiet=True) as budget:
    fnp.einsum("ij,jk,kl->il", A, B, C, optimize=path)
print(f"einsum charged {budget.flops_used:,}")                  # einsum charged 267

# A symmetric operand in a quadratic form: the optimizer and the charge use it.
S = flops.as_symmetric(fnp.ones((5, 5)), symmetry=(0, 1))
b = fnp.ones(5)
with flops.BudgetContext(flop_budget=10**6, quiet=True) as budget:
    fnp.einsum("i,ij,j->", b, S, b)
print(f"b.S.b with symmetric S: {budget.flops_used} FLOPs")     # 54 (74 if S were not symmetric)
