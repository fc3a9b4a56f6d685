"""warn_user files flopscope's warnings under the user's line."""

import warnings

import numpy as np

from flopscope.errors import FlopscopeWarning, SymmetryLossWarning
from flopscope.runtime.warn import warn_user


def test_points_at_the_callers_line():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warn_user("careful", SymmetryLossWarning); line = _line()  # noqa: E702
    (w,) = caught
    assert w.category is SymmetryLossWarning and str(w.message) == "careful"
    assert w.filename == __file__ and w.lineno == line


def _line():
    import sys

    return sys._getframe(1).f_lineno


def test_skips_flopscope_frames():
    # A frame whose module is flopscope.* is walked out of.
    scope = {"__name__": "flopscope.fake_engine", "warn_user": warn_user}
    exec("def engine():\n    warn_user('from inside')\n", scope)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        scope["engine"](); line = _line()  # noqa: E702
    (w,) = caught
    assert w.filename == __file__ and w.lineno == line
    assert w.category is FlopscopeWarning


def test_filters_by_user_module_and_once():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("once")
        for _ in range(3):
            warn_user("only once", FlopscopeWarning)
    assert len(caught) == 1
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warnings.filterwarnings("ignore", module=__name__)
        warn_user("silenced")
    assert not caught
    assert np  # numpy frames are skipped too (see _user_frame)
