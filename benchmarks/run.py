"""Run every benchmark (one command: ``make bench``), each against plain NumPy in the
same run. Benchmarks are scripts beside this one; each prints its own ratios."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).parent
ORDER = ["overhead.py", "import_time.py", "ledger_memory.py", "transform.py", "programs.py"]


def main() -> int:
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1")
    scripts = ORDER + sorted(p.name for p in HERE.glob("*.py")
                             if p.name not in ORDER and p.name != "run.py")
    status = 0
    for name in scripts:
        print(f"== {name}", flush=True)
        status |= subprocess.run([sys.executable, str(HERE / name)], env=env).returncode
    return status


if __name__ == "__main__":
    sys.exit(main())
