"""The rest of NumPy's overridable surface, beyond flopscope 0.4.3's reference table.

Every function and ufunc NumPy lets an array type override must be counted, free or
blocked; never unclassified (``tests/test_classification.py`` walks them all). These
do no floating-point work the cost model knows how to price, so they are either free
(conversions, views, string ufuncs) or refused with a reason.
"""

from __future__ import annotations

import numpy.lib.scimath  # noqa: F401  (cheap; makes numpy.lib.scimath resolvable)
import numpy.lib.stride_tricks  # noqa: F401,E501

from flopscope.runtime import registry
from flopscope.runtime.registry import blocked, free

# Conversions and views: no arithmetic (``asarray`` is weighted 0 for the same reason).
free("asanyarray", "ascontiguousarray", "asfortranarray",
     "lib.stride_tricks.sliding_window_view", category="Misc")

# NumPy's string ufuncs work on text, not floating point.
STRING_UFUNCS = (
    "count", "endswith", "find", "index", "isalnum", "isalpha", "isdecimal", "isdigit",
    "islower", "isnumeric", "isspace", "istitle", "isupper", "rfind", "rindex",
    "startswith", "str_len", "_center", "_expandtabs", "_expandtabs_length", "_ljust",
    "_lstrip_chars", "_lstrip_whitespace", "_partition", "_partition_index", "_replace",
    "_rjust", "_rpartition", "_rpartition_index", "_rstrip_chars", "_rstrip_whitespace",
    "_slice", "_strip_chars", "_strip_whitespace", "_zfill",
)
free(*(f"_core.umath.{name}" for name in STRING_UFUNCS), category="Strings")
free("_core.umath._ones_like", category="Misc")

# np.clip is a function wrapping this ufunc; either is priced as clip.
registry.dispatch_also(registry.resolve_numpy("_core.umath.clip"), "clip")
registry.dispatch_also(registry.resolve_numpy("_core.umath.isnat"), "isnat")

_RECORDS = ("structured (record) array manipulation is outside flopscope's cost model; "
            "keep numerical data in plain arrays")
# numpy.lib.recfunctions's overridable functions, named rather than imported: the
# module pulls in numpy.ma (~6 ms); registry.name_of finds them once it is loaded.
RECFUNCTIONS = (
    "append_fields", "apply_along_fields", "assign_fields_by_name", "drop_fields",
    "find_duplicates", "join_by", "merge_arrays", "rec_append_fields", "rec_drop_fields",
    "rec_join", "recursive_fill_fields", "rename_fields", "repack_fields",
    "require_fields", "stack_arrays", "structured_to_unstructured",
    "unstructured_to_structured",
)
for _name in RECFUNCTIONS:
    blocked(f"lib.recfunctions.{_name}", _RECORDS, category="Records")

_SCIMATH = ("the complex-valued numpy.emath helpers are not priced; call np.sqrt, np.log ... "
            "on complex input instead")
for _name in ("arccos", "arcsin", "arctanh", "log", "log10", "log2", "logn", "power", "sqrt"):
    blocked(f"lib.scimath.{_name}", _SCIMATH, category="Emath")
del _name
