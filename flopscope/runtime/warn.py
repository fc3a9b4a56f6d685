"""Warnings that point at the user's line, not at flopscope's internals.

A fixed ``stacklevel`` is wrong as soon as a warning can be raised from different
depths (a counted call, an operator on a counted array, a cost formula reached through
a rewritten program). :func:`warn_user` instead walks out of flopscope's and NumPy's
frames, exactly as budget errors locate the user's code, and files the warning there.
"""

from __future__ import annotations

import sys
import warnings

from flopscope.errors import FlopscopeWarning
from flopscope.runtime.budget import _user_frame

__all__ = ["warn_user"]


def warn_user(message, category: type[Warning] = FlopscopeWarning) -> None:
    """Issue a warning attributed to the innermost frame of the user's code.

    Parameters
    ----------
    message : str or Warning
        The warning text (or a warning instance, as :func:`warnings.warn` accepts).
    category : type, optional
        A :class:`Warning` subclass; defaults to
        :class:`~flopscope.errors.FlopscopeWarning`.

    Notes
    -----
    The warning goes through the normal filters with the user's module, file and line,
    so ``warnings.filterwarnings("ignore", category=..., module="my_script")``, the
    "once"/"default" actions and ``-W`` options behave as if the user's own line had
    called :func:`warnings.warn`. When no user frame exists (flopscope called from
    itself only), it falls back to the caller's frame.
    """
    frame = _user_frame(sys._getframe(1))
    if frame is None:
        frame = sys._getframe(1)
    module_globals = frame.f_globals
    module = module_globals.get("__name__", "<string>")
    registry = module_globals.setdefault("__warningregistry__", {})
    warnings.warn_explicit(
        message,
        category,
        frame.f_code.co_filename,
        frame.f_lineno,
        module=module,
        registry=registry,
        # no module_globals: for ``python -c`` its loader raises ImportError when
        # asked for source; linecache reads the line from the file instead.
    )
