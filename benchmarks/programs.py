"""Whole-program wall time of the shared programs: ``flopscope run`` against ``python``.

Each program runs as a fresh process (median of REPEAT), BLAS pinned to one thread,
with a warm transform cache (the first run fills it, as on a grader re-running a
submission). Also reports start-up of an empty program (``python`` vs ``flopscope
run``), which is where a cache hit shows.
"""

from __future__ import annotations

import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

PROGRAMS = pathlib.Path(__file__).resolve().parent.parent / "tests" / "data" / "programs"
REPEAT = 5
ENV = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", NO_COLOR="1")
ENV.pop("PYTHONDONTWRITEBYTECODE", None)  # measure with the transform cache in use


def wall(cmd: list[str]) -> float:
    """Median wall time of running ``cmd`` REPEAT times."""
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        subprocess.run(cmd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    run = [sys.executable, "-m", "flopscope.cli", "run"]
    ratios = []
    with tempfile.TemporaryDirectory() as tmp:
        empty = pathlib.Path(tmp) / "empty.py"
        empty.write_text("import numpy as np\n")
        subprocess.run(run + [str(empty)], env=ENV, capture_output=True)
        base, ours = wall([sys.executable, str(empty)]), wall(run + [str(empty)])
        print(f"{'empty program':<26}{base * 1e3:8.1f} ms {ours * 1e3:8.1f} ms  "
              f"+{(ours - base) * 1e3:.1f} ms start-up")
        for program in sorted(PROGRAMS.glob("*.py")):
            script = pathlib.Path(tmp) / program.name
            shutil.copy(program, script)
            subprocess.run(run + [str(script)], env=ENV, capture_output=True)  # warm cache
            base, ours = wall([sys.executable, str(script)]), wall(run + [str(script)])
            ratios.append(ours / base)
            print(f"{program.name:<26}{base * 1e3:8.1f} ms {ours * 1e3:8.1f} ms  {ours / base:.2f}x")
    print(f"median whole-program ratio: {statistics.median(ratios):.2f}x (goal <= 1.2x)")


if __name__ == "__main__":
    main()
