"""Run attack scripts through the real runner (``session.run_program``) in-process, with
the guard armed as ``flopscope run`` arms it."""

import sys
import textwrap

import pytest

from flopscope.runtime import guard
from flopscope.transform import session


class Run:
    """What a contained run did: its outcome and the FLOPs charged per operation."""

    def __init__(self, outcome, ctx):
        self.outcome = outcome
        self.ops = {name: flops for name, (flops, _) in ctx.operations().items()}
        self.flops = ctx.flops_used

    @property
    def refused(self) -> str | None:
        """The refusal message, if the run ended on a ContainmentError."""
        exc = self.outcome.exception
        if isinstance(exc, guard.ContainmentError):
            return str(exc)
        message = self.outcome.message or ""
        return message if "flopscope refused" in message else None

    @property
    def blocked(self) -> bool:
        """Refused by the guard, or by the counted namespace (blocked/unpriced)."""
        return bool(self.refused) or self.outcome.status == "blocked"

    @property
    def ok(self) -> bool:
        return self.outcome.status in ("ok", "exit") and self.outcome.exit_code == 0


@pytest.fixture
def run(tmp_path):
    """``run(source, **options)`` -> :class:`Run` of ``source`` as a script."""

    def run_source(source: str, flop_budget=None, name="solution.py") -> Run:
        script = tmp_path / name
        script.write_text(textwrap.dedent(source))
        try:
            with guard.armed():  # the runner arms the guard itself once wired; this nests
                outcome, ctx = session.run_program(str(script), flop_budget=flop_budget,
                                                   use_cache=False)
        finally:  # forget the program's own modules, as a new process would
            for name, module in list(sys.modules.items()):
                if str(getattr(module, "__file__", None) or "").startswith(str(tmp_path)):
                    del sys.modules[name]
        return Run(outcome, ctx)

    return run_source
