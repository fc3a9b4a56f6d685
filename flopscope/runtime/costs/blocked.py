"""Operations flopscope refuses, each with the reason shown to the user.

They do no counted numerical work that a budget could price: they read or write files,
format values as text, change NumPy's process-wide state, work on calendar dates, or
hand out machinery (ufunc factories, raw iterators) that would run uncounted. Use
plain ``numpy`` for them outside the counted code.
"""

from __future__ import annotations

from flopscope.runtime.registry import blocked

_FILES = "reads or writes files; flopscope code may not do I/O (use numpy outside the budget)"
_TEXT = "turns numbers into text; formatting is not priced work (use numpy for display)"
_STATE = "changes or reads NumPy's process-wide settings, which counted code must not touch"
_DATES = "works on calendar dates; datetime arithmetic has no FLOP cost model in flopscope"
_INFO = "reports how NumPy was built or runs; it is not a numerical operation"

REASONS = {
    # files
    "fromfile": _FILES, "fromregex": _FILES, "genfromtxt": _FILES, "load": _FILES,
    "loadtxt": _FILES, "save": _FILES, "savetxt": _FILES, "savez": _FILES,
    "savez_compressed": _FILES,
    # text in or out
    "array2string": _TEXT, "array_repr": _TEXT, "array_str": _TEXT, "base_repr": _TEXT,
    "binary_repr": _TEXT, "format_float_positional": _TEXT,
    "format_float_scientific": _TEXT,
    "fromstring": "parses numbers out of text; parsing is not priced work "
                  "(build the array with flopscope.numpy.array instead)",
    # global state
    "getbufsize": _STATE, "setbufsize": _STATE, "geterr": _STATE, "seterr": _STATE,
    "geterrcall": _STATE, "seterrcall": _STATE,
    # dates
    "busday_count": _DATES, "busday_offset": _DATES, "is_busday": _DATES,
    "datetime_as_string": _DATES, "datetime_data": _DATES, "isnat": _DATES,
    # build / runtime information
    "get_include": _INFO, "show_config": _INFO, "show_runtime": _INFO,
    # machinery that would run uncounted
    "asmatrix": "np.matrix redefines * as a matrix product, which flopscope cannot "
                "price as written; use 2-D arrays and @",
    "frompyfunc": "builds a ufunc from an arbitrary Python function whose work "
                  "flopscope cannot see or price",
    "nested_iters": "raw element iterators would let work run outside the budget",
}

for _name, _reason in REASONS.items():
    blocked(_name, _reason)
del _name, _reason
