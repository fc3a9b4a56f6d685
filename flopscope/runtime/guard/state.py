"""What arming changes and remembers: the switches, and the originals it replaced."""

from __future__ import annotations


class State:
    """The guard's switches (process-wide)."""

    armed = False
    hooked = False  # the audit hook is installed (once per process; it cannot be removed)
    busy = False  # an audit handler is running; events it raises itself pass


#: The functions arming replaced, as they were when it did (``REAL["getattr"]`` ...).
REAL: dict[str, object] = {}

#: "No value": an absent default argument, or an attribute arming added rather than replaced.
MISSING = object()
