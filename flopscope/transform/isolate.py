"""``flopscope run`` for graders: the program runs in a child process; the parent reports.

The child runs the program under the containment guard and resource limits, then writes
its summary to a pipe the parent opened for it (the guard refuses the program any
access to that descriptor) and leaves with ``os._exit``, so no exit handler or
finaliser of the program runs after the summary is taken. The parent prints the report
and decides the exit status: a child that dies, is killed or ends without a summary
(``os._exit`` smuggled past the guard, a signal, the memory or CPU limit) yields a
report with status ``no_summary`` and a failing status, never a missing report.

Usage::

    python -m flopscope.transform.isolate [--memory MB] [--cpu SECONDS] [--no-network]
        [--budget FLOPS] [--time SECONDS] [--summary-json FILE] [--by-line]
        [--instrument PKG] [--no-cache] [-m] TARGET [ARGS...]
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys

__all__ = ["Limits", "run_isolated", "main"]

EXIT_NO_SUMMARY = 6


class Limits:
    """Resource limits of the child.

    Parameters
    ----------
    memory_mb : int, optional
        Address-space limit (``RLIMIT_AS``).
    cpu_s : int, optional
        CPU-time limit (``RLIMIT_CPU``); the kernel kills the child past it.
    network : bool, optional
        Allow the network. When False the child gets a new, empty network namespace
        where the platform allows unprivileged ones (see ``network_isolated`` in the
        summary).
    """

    def __init__(self, memory_mb: int | None = None, cpu_s: int | None = None,
                 network: bool = True):
        self.memory_mb = memory_mb
        self.cpu_s = cpu_s
        self.network = network

    def apply(self) -> None:
        """Set the limits in the (forked, not yet executed) child."""
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        if self.memory_mb:
            size = self.memory_mb * 2**20
            resource.setrlimit(resource.RLIMIT_AS, (size, size))
        if self.cpu_s:
            resource.setrlimit(resource.RLIMIT_CPU, (self.cpu_s, self.cpu_s))
        if not self.network:
            _unshare_network()


def _unshare_network() -> None:
    """Best effort: a new user and network namespace (Linux, unprivileged)."""
    import ctypes

    clone_newuser, clone_newnet = 0x10000000, 0x40000000
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.unshare(clone_newuser | clone_newnet)
    except (OSError, AttributeError):
        pass


def _namespace(pid) -> str | None:
    try:
        return os.readlink(f"/proc/{pid}/ns/net")
    except OSError:
        return None


def run_isolated(spec: dict, limits: Limits | None = None) -> tuple[dict, int]:
    """Run a program in a contained child and return ``(summary dict, exit status)``.

    Parameters
    ----------
    spec : dict
        Keyword arguments of :func:`flopscope.transform.session.run_program`
        (``target``, ``args``, ``module``, ``flop_budget``, ``time_limit`` ...).
    limits : Limits, optional
        Resource limits of the child.

    Returns
    -------
    (dict, int)
        The child's summary (or a ``no_summary`` one) with ``isolation`` added, and
        the exit status to use.
    """
    limits = limits or Limits()
    read_end, write_end = os.pipe()
    command = [sys.executable, "-m", "flopscope.transform.isolate", "--child",
               str(write_end), json.dumps(spec)]
    child = subprocess.Popen(command, pass_fds=(write_end,), preexec_fn=limits.apply)
    os.close(write_end)
    child_ns = _namespace(child.pid)
    with os.fdopen(read_end, "rb") as pipe:
        raw = pipe.read()
    status = child.wait()
    try:
        data = json.loads(raw)
        code = data["exit_code"]
    except (ValueError, KeyError, TypeError):
        how = (f"killed by {signal.Signals(-status).name}" if status < 0
               else f"exit status {status}")
        data = {"status": "no_summary", "exit_code": EXIT_NO_SUMMARY, "flops_used": None,
                "error": {"type": None, "message": f"the program ended without a "
                          f"summary ({how}); the run is void"}}
        code = EXIT_NO_SUMMARY
    data["isolation"] = {
        "memory_mb": limits.memory_mb, "cpu_s": limits.cpu_s,
        "network_isolated": child_ns is not None and child_ns != _namespace("self"),
    }
    return data, code


def _child(fd: int, spec: dict) -> None:
    from flopscope.runtime import guard
    from flopscope.transform import report, runner, session

    guard.protect_fd(fd)
    with guard.armed():
        outcome, ctx = session.run_program(**spec)
    data = report.summary_data(ctx, outcome)
    if outcome.exception is not None:
        sys.stderr.write(runner.format_exception(outcome.exception))
    if outcome.message:
        print(outcome.message, file=sys.stderr)
    with os.fdopen(fd, "w") as pipe:
        json.dump(data, pipe)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(outcome.exit_code)  # no exit handler or finaliser of the program runs


def main(argv=None) -> None:
    """Internal entry of the isolated child (``--child FD SPEC``); graders use
    ``flopscope run --isolate``."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] != ["--child"] or len(argv) != 3:
        sys.exit("python -m flopscope.transform.isolate is internal; "
                 "use: flopscope run --isolate [--memory MB] [--cpu S] [--no-network] SCRIPT")
    _child(int(argv[1]), json.loads(argv[2]))


if __name__ == "__main__":
    main()
