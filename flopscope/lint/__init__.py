"""``flopscope lint``: find, without running it, what ``flopscope run`` would refuse.

Use :func:`lint_paths` / :func:`lint_source` from Python, :func:`preflight` before
running a script, or the ``flopscope lint`` command (see ``docs/lint.md``). The names
below load on first use, so registering the command costs the CLI no import time.
"""

import importlib

__all__ = ["Diagnostic", "Selection", "lint_file", "lint_paths", "lint_source", "preflight"]

_HOMES = {"Diagnostic": "flopscope.lint.diagnostic"}


def __getattr__(name: str):
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_HOMES.get(name, "flopscope.lint.engine")), name)
