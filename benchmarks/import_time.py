"""Start-up cost: ``import flopscope.numpy`` against ``import numpy``, fresh processes."""

from __future__ import annotations

import statistics
import subprocess
import sys

RUNS = 7
SNIPPET = "import time; t = time.perf_counter(); import {mod}; print(time.perf_counter() - t)"


def import_seconds(module: str) -> float:
    """Median wall time of importing ``module`` in a fresh interpreter."""
    times = []
    for _ in range(RUNS):
        out = subprocess.run([sys.executable, "-c", SNIPPET.format(mod=module)],
                             capture_output=True, text=True, check=True).stdout
        times.append(float(out))
    return statistics.median(times)


def main() -> None:
    base = import_seconds("numpy")
    ours = import_seconds("flopscope.numpy")
    print(f"import numpy {base * 1e3:.1f} ms; import flopscope.numpy {ours * 1e3:.1f} ms; "
          f"ratio {ours / base:.2f}x")


if __name__ == "__main__":
    main()
