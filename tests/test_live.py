"""flops.budget_live(): plain lines off a terminal, a rich view on one; never charges."""

import io
import threading
import time

import numpy as np
import pytest

import flopscope as flops
import flopscope.numpy as fnp
from flopscope import live


def _threads():
    return {t for t in threading.enumerate() if t.name == "flopscope-live"}


def test_plain_line_at_exit_reports_the_context_seen():
    out = io.StringIO()
    with flops.budget_live(file=out, plain=True) as shown:
        with flops.BudgetContext(flop_budget=1000, quiet=True, namespace="demo") as b:
            fnp.add(np.ones(10), 1.0)
            assert shown()["flops_used"] == 10
    text = out.getvalue().strip()
    assert text.startswith("[flopscope] demo: 10 / 1,000 FLOPs used (1.0%), 990 remaining")
    assert text.endswith("top: add 10 (100.0%)")
    assert b.flops_used == 10  # watching charged nothing


def test_plain_reports_what_the_block_spent_when_no_context_was_seen():
    out = io.StringIO()
    with flops.budget_live(file=out, plain=True, refresh_per_second=1):
        with flops.BudgetContext(flop_budget=1000, quiet=True):
            fnp.add(np.ones(7), 1.0)
    line = out.getvalue().strip()
    # Either the poller saw the context, or the session delta is shown: 7 either way.
    assert " 7 / " in line and "top: add 7 (100.0%)" in line


def test_plain_lines_while_running_are_rare_and_only_on_change():
    out = io.StringIO()
    with flops.budget_live(file=out, plain=True, interval=0.05) as shown:
        with flops.BudgetContext(flop_budget=10**6, quiet=True, namespace="loop"):
            shown()
            for _ in range(3):
                fnp.add(np.ones(5), 1.0)
                time.sleep(0.12)
    lines = out.getvalue().strip().splitlines()
    assert 2 <= len(lines) <= 6
    assert all(line.startswith("[flopscope] loop: ") for line in lines)
    assert "15 / 1,000,000" in lines[-1]
    assert len(set(lines)) == len(lines)  # a line only when something changed


def test_rich_view_draws_and_stops_its_thread():
    out = io.StringIO()
    with flops.budget_live(file=out, plain=False, refresh_per_second=50):
        with flops.BudgetContext(flop_budget=10**4, quiet=True, namespace="fancy") as b:
            fnp.exp(np.ones(10))
            time.sleep(0.1)
    assert not _threads()
    text = out.getvalue()
    assert "fancy" in text and "exp" in text and "160" in text
    assert b.flops_used == 160


def test_exceptions_propagate_and_the_view_stops():
    for plain in (True, False):
        out = io.StringIO()
        with pytest.raises(KeyError, match="boom"):
            with flops.budget_live(file=out, plain=plain, refresh_per_second=50):
                with flops.BudgetContext(flop_budget=10**4, quiet=True, namespace="x"):
                    fnp.add(np.ones(3), 1.0)
                    raise KeyError("boom")
        assert not _threads()
        assert "add" in out.getvalue() and " 3 / " in out.getvalue()


def test_budget_exhausted_is_shown_and_propagates():
    out = io.StringIO()
    with pytest.raises(flops.BudgetExhaustedError):
        with flops.budget_live(file=out, plain=True) as shown:
            with flops.BudgetContext(flop_budget=5, quiet=True, namespace="tight"):
                shown()
                fnp.add(np.ones(10), 1.0)
    assert "EXHAUSTED" in out.getvalue()


def test_plain_when_not_a_terminal_or_no_color(monkeypatch):
    assert live._wants_plain(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")

    class Tty(io.StringIO):
        def isatty(self):
            return True

    assert live._wants_plain(Tty())


def test_snapshot_reads_without_charging():
    with flops.BudgetContext(flop_budget=100, quiet=True) as b:
        fnp.add(np.ones(4), 1.0)
        snap = live.snapshot(top=1)
        assert snap["flops_used"] == 4 and snap["top"] == [("add", 4, 1)]
        assert b.flops_used == 4
    assert "add 4" in live.format_line(snap)


def test_bad_refresh_rate():
    with pytest.raises(ValueError):
        with flops.budget_live(refresh_per_second=0):
            pass
