"""What the process may do: ending or silencing it before flopscope reports (``os._exit``,
signals, ``atexit``, threads, closing or writing the report's descriptors) is refused."""

from __future__ import annotations

import atexit
import os
import sys
import threading
from builtins import getattr  # bound before arming replaces it process-wide

from flopscope.runtime.guard.errors import ContainmentError
from flopscope.runtime.guard.origins import caller, user_initiated

ENDING = "it would end or silence the process before flopscope reports"
#: Pipes a supervisor reports through (see ``flopscope/transform/isolate.py``).
REPORT_FDS: set[int] = set()


def protect_fd(fd: int) -> None:
    """Refuse the program's ``os.close``/``dup2``/``write``/``open`` of a report pipe.

    Parameters
    ----------
    fd : int
        The file descriptor flopscope reports through.
    """
    REPORT_FDS.add(fd)


def _refuser(what: str, reason: str, only_for_user: bool = False, real=None):
    def refuse(*args, **kwargs):
        if only_for_user and not user_initiated(caller()):
            return real(*args, **kwargs)
        raise ContainmentError(what, reason)

    refuse.__name__ = what.rpartition(".")[2]
    return refuse


def _fd_guard(name: str, position: int, standard: bool):
    real = getattr(os, name)

    def guarded(*args, **kwargs):
        fd = args[position] if position < len(args) else None
        if fd in REPORT_FDS or (standard and fd in (1, 2)):
            raise ContainmentError(f"os.{name} on file descriptor {fd}",
                                   "flopscope reports through it")
        return real(*args, **kwargs)

    guarded.__name__ = name
    return guarded


def patches() -> list[tuple[object, str, object]]:
    """``(owner, name, replacement)`` keeping the process alive and its report intact, to
    install while armed."""
    import signal  # only arming needs it: keeps importing the guard cheap

    patched = [
        (os, "_exit", _refuser("os._exit", ENDING + "; use sys.exit()")),
        (os, "abort", _refuser("os.abort", ENDING)),
        (sys, "addaudithook", _refuser("sys.addaudithook", "audit hooks see flopscope's "
                                                           "internals")),
        (threading.Thread, "start", _refuser(
            "starting a thread", "its work could outlive the run and its report")),
        (os, "close", _fd_guard("close", 0, True)),
        (os, "dup2", _fd_guard("dup2", 1, True)), (os, "write", _fd_guard("write", 0, False)),
        (os, "closerange", _refuser(
            "os.closerange", "it closes the descriptors flopscope reports through")),
        (atexit, "register", _refuser(
            "atexit.register", "exit handlers run after the report", True, atexit.register)),
    ]
    for name in ("signal", "alarm", "setitimer", "raise_signal", "pthread_kill",
                 "pthread_sigmask", "siginterrupt"):
        if hasattr(signal, name):
            patched.append((signal, name, _refuser(f"signal.{name}", ENDING)))
    return patched
