"""The programs in examples/ run and print the FLOP counts their comments state."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

EXPECTED = {
    "einsum_planning.py": [
        "planning charged 1 FLOP",
        "path [(0, 1), (0, 1)], optimizer optimal",
        "einsum will cost 267",
        "  jk,ij->ki costs 105",
        "  ki,kl->il costs 162",
        "einsum charged 267",
        "b.S.b with symmetric S: 54 FLOPs",
    ],
    "budget_basics.py": [
        "used 4,223 of 1,000,000",
        "forward 4,096",
        "loss 127",
        "most expensive: einsum 4,032",
        "decorated: 72 FLOPs over 3 calls",
        "refused: exp would cost 16,000",
    ],
    "cost_queries.py": [
        "planned: einsum 3,312 + maximum 144 + sum 143 = 3,599",
        "charged: 3,599, remaining: 0",
        "2*S on a symmetric 10x10: 55 FLOPs",
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_prints_its_numbers(name):
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    done = subprocess.run([sys.executable, str(ROOT / "examples" / name)], capture_output=True,
                          text=True, timeout=120, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == EXPECTED[name]
