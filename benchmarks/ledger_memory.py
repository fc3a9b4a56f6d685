"""Memory held by the ledger after 10 million charged operations.

The ledger aggregates per operation (and per line/namespace when asked), so it must
stay small however long a program runs. Prints the traced allocation growth in MB.
"""

from __future__ import annotations

import tracemalloc

import flopscope as flops

OPS = 10_000_000
NAMES = ("add", "multiply", "exp", "sum", "matmul", "linalg.solve", "true_divide", "max")


def main() -> None:
    tracemalloc.start()
    with flops.BudgetContext(flop_budget=10**18, quiet=True) as ctx:
        ctx.track_lines = True  # the most expensive ledger: per source line too
        before = tracemalloc.get_traced_memory()[0]
        charge = ctx.charge
        for i in range(OPS):
            charge(NAMES[i & 7], 10)
        after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    print(f"ledger growth after {OPS:,} charged ops: {(after - before) / 1e6:.3f} MB "
          f"({len(ctx.operations())} operations, {ctx.flops_used:,} FLOPs)")


if __name__ == "__main__":
    main()
