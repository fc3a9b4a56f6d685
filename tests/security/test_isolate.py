"""--isolate: the report comes from the parent, whatever the child does."""

import json
import subprocess
import sys


def isolate(tmp_path, source, *options):
    script = tmp_path / "solution.py"
    script.write_text(source)
    summary = tmp_path / "summary.json"
    done = subprocess.run([sys.executable, "-m", "flopscope", "run", "--isolate", *options,
                           "--summary-json", str(summary), str(script)],
                          capture_output=True, text=True, timeout=60,
                          env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"})
    return done, json.loads(summary.read_text())


def test_isolated_run_reports_costs_and_the_pipe_is_out_of_reach(tmp_path):
    done, data = isolate(tmp_path, """
import os
import numpy as np
for fd in range(3, 64):
    try:
        os.write(fd, b'{"exit_code": 0, "flops_used": 0}')
    except Exception:
        pass
a = np.ones((8, 8))
print((a @ a)[0, 0])
""", "--memory", "2048")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "8.0\n"
    assert data["operations"]["matmul"]["flop_cost"] > 0
    assert data["isolation"]["memory_mb"] == 2048


def test_a_child_that_dies_leaves_a_void_run_not_a_missing_report(tmp_path):
    done, data = isolate(tmp_path, "while True:\n    pass\n", "--cpu", "1")
    assert done.returncode == 6  # void run: no summary
    assert data["status"] == "no_summary"
    assert "without a summary" in done.stderr
