"""The program can neither change the budget nor stop the report."""

import pytest


def test_hidden_name_cannot_be_replaced(run):
    for attack in ("globals()['__flop' + 'scope__'] = None",
                   "import builtins; setattr(builtins, '__flop' + 'scope__', None)",
                   "exec('__flopscope__ = None')"):
        result = run("import numpy as np\n" + attack + "\nnp.ones(3) + 1")
        assert result.refused, (attack, result.outcome)


def test_stub_module_is_read_only(run):
    # reached only through names the guard refuses; sealed anyway
    from flopscope.runtime import guard, stubs

    with guard.armed():
        with pytest.raises(guard.ContainmentError):
            stubs.add = lambda a, b: None
    stubs.add  # still the stub  # noqa: B018


@pytest.mark.parametrize("attack, what", [
    ("import gc; gc.get_objects()", "gc.get_objects"),
    ("import gc; gc.get_referrers(np)", "gc.get_referrers"),
    ("import sys; sys._getframe()", "_getframe"),
    ("import sys; f = 'sys._get' + 'frame'; eval(f)()", "_getframe"),
    ("import inspect; inspect.stack()", "sys._getframe"),
    ("import sys; sys.settrace(lambda *a: None)", "sys.settrace"),
    ("import sys; sys.setprofile(lambda *a: None)", "sys.setprofile"),
    ("import sys; sys.addaudithook(lambda *a: None)", "sys.addaudithook"),
    ("try:\n    1/0\nexcept Exception:\n    import sys; sys.exc_info()[2].tb_frame", "tb_frame"),
    ("def g():\n    yield 1\ng().gi_frame", "gi_frame"),
    ("import os; os.system('true')", "os.system"),
    ("import os; os.fork()", "os.fork"),
    ("import marshal; marshal.loads(marshal.dumps(compile('1', 'x', 'exec')))", "marshal"),
])
def test_introspection_and_processes_are_refused(run, attack, what):
    result = run("import numpy as np\n" + attack)
    assert result.refused and what in result.refused, result.outcome


def test_catching_budget_exhaustion_does_not_help(run):
    result = run("""
        import numpy as np
        a = np.ones((50, 50))
        try:
            a @ a
        except Exception:
            pass
        np.exp(np.ones(2))
    """, flop_budget=1000)
    assert result.outcome.status == "budget_exhausted"
    assert result.flops == 0


@pytest.mark.parametrize("attack, what", [
    ("import os; os._exit(0)", "os._exit"),
    ("import os; os.abort()", "os.abort"),
    ("import os, signal; os.kill(os.getpid(), signal.SIGKILL)", "os.kill"),
    ("import signal; signal.signal(signal.SIGTERM, signal.SIG_IGN)", "signal.signal"),
    ("import signal; signal.alarm(1)", "signal.alarm"),
    ("import atexit; atexit.register(print, 'fake report')", "atexit.register"),
    ("import os; os.close(2)", "os.close"),
    ("import threading; threading.Thread(target=print).start()", "thread"),
])
def test_the_report_cannot_be_hidden(run, attack, what):
    result = run(attack)
    assert result.refused and what in result.refused, result.outcome


def test_replaced_stderr_is_restored_for_the_report(run):
    import sys

    before = sys.stderr
    run("import sys, io\nsys.stderr = io.StringIO()")
    assert sys.stderr is before


def test_writing_into_installed_code_is_refused(run):
    import numpy

    result = run(f"open({numpy.__file__!r}, 'a')")
    assert result.refused and "installed code" in result.refused
