"""Whole programs (tests/data/programs, copied from shared/programs): under
``flopscope run`` each must be charged exactly what flopscope 0.4.3 charged, operation
by operation, and print exactly what plain ``python`` prints."""

import json
import os
import subprocess
import sys

import pytest

from testdata import DATA

PROGRAMS = DATA / "programs"
EXPECTED = json.loads((PROGRAMS / "expected.json").read_text())["programs"]
ENV = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", NO_COLOR="1")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_program_costs_and_stdout(name, tmp_path):
    script = tmp_path / name
    script.write_text((PROGRAMS / name).read_text())
    summary = tmp_path / "summary.json"
    plain = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                           env=ENV, timeout=120)
    counted = subprocess.run(
        [sys.executable, "-m", "flopscope.cli", "run", str(script), "--budget", "1e15",
         "--summary-json", str(summary)],
        capture_output=True, text=True, env=ENV, timeout=120)
    assert counted.returncode == 0, counted.stderr
    assert counted.stdout == plain.stdout
    assert "Warning" not in counted.stderr  # e.g. no SymmetryLossWarning for np.eye
    data = json.loads(summary.read_text())
    expected = EXPECTED[name]
    charged = {op: row["flop_cost"] for op, row in data["operations"].items()}
    assert charged == expected["operations"]
    assert data["flops_used"] == expected["flops_used"]
