"""Per-call overhead of counting, for small arrays, against plain NumPy in the same run.

Usage: ``python benchmarks/overhead.py`` (BLAS pinned to one thread by the Makefile's
``make bench``). Prints microseconds per call and the added cost for each front door:
``flopscope.numpy`` (counted arrays) and the stubs that ``flopscope run`` compiles in.
"""

from __future__ import annotations

import os
import statistics
import timeit

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402

import flopscope as flops  # noqa: E402
import flopscope.numpy as fnp  # noqa: E402
from flopscope.runtime import stubs  # noqa: E402

REPEAT = 7


def best_us(stmt, number: int) -> float:
    """Median over REPEAT runs of the time per call, in microseconds."""
    times = timeit.repeat(stmt, number=number, repeat=REPEAT)
    return statistics.median(times) / number * 1e6


def cases():
    a = np.random.default_rng(0).random(10)
    b = np.random.default_rng(1).random(10)
    m = np.random.default_rng(2).random((4, 4)) + 4 * np.eye(4)
    fa, fb, fm = (x.view(flops.FlopscopeArray) for x in (a, b, m))
    rn = stubs.numpy
    yield "add", (lambda: np.add(a, b)), (lambda: fnp.add(a, b)), (lambda: rn.add(a, b))
    yield "a+b", (lambda: a + b), (lambda: fa + fb), (lambda: stubs.add(a, b))
    yield "exp", (lambda: np.exp(a)), (lambda: fnp.exp(a)), (lambda: rn.exp(a))
    yield "sum", (lambda: np.sum(a)), (lambda: fnp.sum(a)), (lambda: rn.sum(a))
    yield "a.sum()", (lambda: a.sum()), (lambda: fa.sum()), (lambda: stubs.call_method(a, "sum"))
    yield "dot", (lambda: np.dot(a, b)), (lambda: fnp.dot(a, b)), (lambda: rn.dot(a, b))
    yield "M@M", (lambda: m @ m), (lambda: fm @ fm), (lambda: stubs.matmul(m, m))
    yield "einsum", (lambda: np.einsum("ij,jk->ik", m, m)), (lambda: fnp.einsum("ij,jk->ik", m, m)), (
        lambda: rn.einsum("ij,jk->ik", m, m))
    yield "maximum", (lambda: np.maximum(a, 0.0)), (lambda: fnp.maximum(a, 0.0)), (
        lambda: rn.maximum(a, 0.0))
    yield "a.mean(axis=0)", (lambda: m.mean(axis=0)), (lambda: fm.mean(axis=0)), (
        lambda: stubs.call_method(m, "mean", axis=0))
    yield "a += b", (lambda: np.add(a, b, out=a)), (lambda: fnp.add(fa, fb, out=fa)), (
        lambda: stubs.iadd(a, b))
    yield "linalg.inv", (lambda: np.linalg.inv(m)), (lambda: fnp.linalg.inv(m)), (
        lambda: rn.linalg.inv(m))
    yield "linalg.norm", (lambda: np.linalg.norm(a)), (lambda: fnp.linalg.norm(a)), (
        lambda: rn.linalg.norm(a))
    yield "reshape (free)", (lambda: a.reshape(2, 5)), (lambda: fnp.reshape(a, (2, 5))), (
        lambda: rn.reshape(a, (2, 5)))


def main() -> None:
    print(f"numpy {np.__version__}; microseconds per call (median of {REPEAT}); "
          "added = counted - plain")
    print(f"{'op':<16}{'numpy':>8}{'fnp':>8}{'+fnp':>8}{'run stub':>10}{'+run':>8}")
    # 'run stub' is what code rewritten by flopscope run calls for the same line.
    added_run = []
    with flops.BudgetContext(flop_budget=10**18, quiet=True):
        for name, plain, counted, run in cases():
            try:
                p, c, r = best_us(plain, 20000), best_us(counted, 20000), best_us(run, 20000)
            except Exception as exc:  # a family not implemented yet
                print(f"{name:<16} skipped: {type(exc).__name__}: {exc}"[:100])
                continue
            added_run.append(r - p)
            print(f"{name:<16}{p:8.2f}{c:8.2f}{c - p:8.2f}{r:10.2f}{r - p:8.2f}")
    if added_run:
        print(f"median added per op through flopscope run: {statistics.median(added_run):.2f} us")


if __name__ == "__main__":
    main()
