"""Warnings are filed under the user's own file and line."""

import subprocess
import sys
import warnings

import numpy as np

import flopscope as flops
import flopscope.numpy as fnp
from flopscope.errors import SymmetryLossWarning


def test_symmetry_loss_warning_points_at_the_users_line():
    sym = flops.as_symmetric(np.eye(3), symmetry=(0, 1))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        line = sys._getframe().f_lineno + 1
        fnp.add(sym, np.arange(9.0).reshape(3, 3))
    [warning] = [w for w in caught if issubclass(w.category, SymmetryLossWarning)]
    assert (warning.filename, warning.lineno) == (__file__, line)


def test_warning_as_error_from_python_dash_c():
    # `python -c` has no source to show; the warning must still be raised, not crash.
    code = ("import numpy as np, flopscope as flops, flopscope.numpy as fnp\n"
            "s = flops.as_symmetric(np.eye(3), symmetry=(0, 1))\n"
            "fnp.add(s, np.arange(9.0).reshape(3, 3))\n")
    done = subprocess.run([sys.executable, "-W", "error", "-c", code],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "SymmetryLossWarning" in done.stderr and "ImportError" not in done.stderr

