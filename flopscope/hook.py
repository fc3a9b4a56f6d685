"""``python -m flopscope.hook [OPTIONS] SCRIPT [ARGS]...``: ``flopscope run`` without the
console script, and the import-hook API for use from Python.

>>> from flopscope.hook import instrumented
>>> with instrumented(["/path/to/project"]):   # doctest: +SKIP
...     import solution                       # its NumPy use is counted
"""

from flopscope.transform.hook import install, instrumented, uninstall

__all__ = ["install", "instrumented", "uninstall"]

if __name__ == "__main__":
    import sys

    from flopscope.cli import console_main

    sys.argv[1:1] = ["run"]
    console_main(prog_name="python -m flopscope.hook")
