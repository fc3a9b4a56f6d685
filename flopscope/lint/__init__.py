"""``flopscope lint``: find, without running it, what ``flopscope run`` would refuse.

Use :func:`lint_paths` / :func:`lint_source` from Python, :func:`preflight` before
running a script, or the ``flopscope lint`` command (see ``docs/lint.md``).
"""

from flopscope.lint.diagnostic import Diagnostic
from flopscope.lint.engine import Selection, lint_file, lint_paths, lint_source, preflight

__all__ = ["Diagnostic", "Selection", "lint_file", "lint_paths", "lint_source", "preflight"]
