"""``flopscope run``: the program runs as the real __main__, exit codes, error messages
with the user's file:line, trimmed tracebacks, summaries (in-process via click's runner
where possible, in a subprocess where the process itself matters)."""

import json
import os
import subprocess
import sys
import textwrap

import pytest
from click.testing import CliRunner

from flopscope.cli import main

ENV = dict(os.environ, NO_COLOR="1", PYTHONDONTWRITEBYTECODE="")

# Arrays are made in an uninstrumented module, so these tests depend only on the
# counted operations they use (exp, add), not on which creation routines are priced.
@pytest.fixture
def run(tmp_path, monkeypatch):
    project = tmp_path / "project"
    project.mkdir()
    # the runner replaces sys.path[0] with the script's directory, as python does
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.chdir(project)
    before = set(sys.modules)

    def invoke(source, *args, name="prog.py"):
        script = project / name
        script.write_text(textwrap.dedent(source))
        return CliRunner().invoke(main, ["run", str(script), *args])

    invoke.dir = project
    yield invoke
    for name in set(sys.modules) - before:
        if name.startswith("fs_test_") or name == "helper":
            del sys.modules[name]


def test_normal_run_counts_and_exits_0(run):
    result = run("""\
        import numpy as np
        ones = np.ones
        a = ones(10)
        print(float((a + a).sum()))
        """, "--budget", "1e6", "--summary-json", "s.json")
    assert result.exit_code == 0, result.output
    assert "20.0" in result.stdout
    data = json.loads((run.dir / "s.json").read_text())
    assert data["status"] == "ok" and data["exit_code"] == 0
    assert data["operations"]["add"]["calls"] == 1
    assert "flopscope" in result.stderr and "\x1b[" not in result.stderr


def test_by_line_names_the_source_lines(run):
    result = run("""\
        import numpy as np
        ones = np.ones
        a = ones(100)
        for _ in range(3):
            b = np.exp(a)
        """, "--by-line", "--summary-json", "s.json")
    assert result.exit_code == 0, result.output
    rows = json.loads((run.dir / "s.json").read_text())["by_line"]
    assert rows[0]["line"] == 5 and rows[0]["calls"] == 3
    assert rows[0]["code"] == "b = np.exp(a)"
    assert "prog.py:5" in result.stderr and "b = np.exp(a)" in result.stderr


def test_sys_exit_status_passes_through(run):
    assert run("import sys\nsys.exit(7)\n").exit_code == 7
    assert run("import sys\nsys.exit()\n").exit_code == 0
    result = run("import sys\nsys.exit('bad input')\n")
    assert result.exit_code == 1 and "bad input" in result.stderr


def test_uncaught_exception_shows_only_user_frames(run):
    (run.dir / "helper.py").write_text("def scale(a):\n    return 2 * a + 1\n")
    result = run("from helper import scale\nx = 1\nscale(None)\n")
    assert result.exit_code == 1
    err = result.stderr
    assert "Traceback (most recent call last):" in err
    assert 'prog.py", line 3, in <module>' in err
    assert 'helper.py", line 2, in scale' in err
    assert "TypeError: unsupported operand" in err
    assert "flopscope/" not in err.split("Traceback")[1]


def test_budget_exhausted_exits_3_naming_file_line_and_op(run):
    result = run("""\
        import numpy as np
        ones = np.ones
        a = ones(1000)
        b = np.exp(a)
        """, "--budget", "10", "--summary-json", "s.json")
    assert result.exit_code == 3
    assert "prog.py:4: FLOP budget exhausted: exp would cost" in result.stderr
    data = json.loads((run.dir / "s.json").read_text())
    assert data["status"] == "budget_exhausted"
    assert data["error"]["line"] == 4 and data["error"]["op"] == "exp"


def test_caught_budget_error_still_exits_3(run):
    result = run("""\
        import numpy as np
        ones = np.ones
        try:
            np.exp(ones(1000))
        except Exception:
            pass
        """, "--budget", "10")
    assert result.exit_code == 3


def test_time_limit_exits_4(run):
    result = run("""\
        import time
        import numpy as np
        ones = np.ones
        time.sleep(0.05)
        np.exp(ones(3))
        """, "--time", "0.01")
    assert result.exit_code == 4
    assert "prog.py:5: wall-time limit exceeded" in result.stderr


def test_unpriced_operation_exits_5(run):
    result = run("import numpy as np\nx = 1\nnp.save('x.npy', [1])\n")
    assert result.exit_code == 5
    assert "prog.py:3:" in result.stderr and "save" in result.stderr


def test_usage_errors_exit_2(run):
    assert CliRunner().invoke(main, ["run", str(run.dir / "missing.py")]).exit_code == 2
    assert run("x = 1\n", "--instrument", "no_such_package_xyz").exit_code == 2
    assert run("x = 1\n", "--budget", "-5").exit_code == 2
    result = run("x = 1\n__flopscope__ = 2\n")
    assert result.exit_code == 2 and "prog.py:2: the name __flopscope__ is reserved" in result.stderr


def test_program_arguments_after_the_script(run):
    result = run("import sys\nprint(sys.argv[1:])\n", "--budget", "1e9", "-v", "--", "--budget")
    assert result.exit_code == 0, result.output
    assert "['-v', '--budget']" in result.stdout


def _subprocess(*args, cwd):
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=ENV,
                          cwd=cwd, timeout=60)


MAIN_FACTS = """\
import sys, json
print(json.dumps({"argv": sys.argv, "file": __file__, "name": __name__,
                  "spec": repr(__spec__), "path0": sys.path[0],
                  "builtins": type(__builtins__).__name__,
                  "main": sys.modules["__main__"].__dict__ is globals(),
                  "libcst": "libcst" in sys.modules}))
"""


def test_script_runs_as_real_main(tmp_path):
    (tmp_path / "sub").mkdir()
    script = tmp_path / "sub" / "facts.py"
    script.write_text(MAIN_FACTS)
    out = _subprocess("-m", "flopscope.cli", "run", "--no-guard", "sub/facts.py", "a", "-x",
                      cwd=tmp_path)  # reads __builtins__: runner facts, not containment
    assert out.returncode == 0, out.stderr
    facts = json.loads(out.stdout)
    assert facts["argv"] == ["sub/facts.py", "a", "-x"]
    assert facts["file"] == str(script)
    assert facts["name"] == "__main__" and facts["spec"] == "None"
    assert facts["path0"] == str(tmp_path / "sub")
    assert facts["builtins"] == "module" and facts["main"]
    # second run: cached code, libcst never imported
    again = _subprocess("-m", "flopscope.hook", "--no-guard", "sub/facts.py", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["libcst"] is False


def test_module_mode(tmp_path):
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "__main__.py").write_text(MAIN_FACTS)
    out = _subprocess("-m", "flopscope.cli", "run", "--no-guard", "-m", "app", "z", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    facts = json.loads(out.stdout)
    assert facts["name"] == "__main__" and "app.__main__" in facts["spec"]
    assert facts["argv"] == [str(tmp_path / "app" / "__main__.py"), "z"]
    assert facts["path0"] == str(tmp_path)


def test_blocked_op_refused_before_the_script_runs(run):
    result = run("""\
        import numpy as np
        print("started")
        np.save("x.npy", np.ones(3))
        """, "--summary-json", "s.json")
    assert result.exit_code == 5
    assert "started" not in result.stdout  # refused by the preflight lint, not mid-run
    assert "prog.py:3:1: FS101 numpy.save is blocked" in result.stderr
    assert not (run.dir / "x.npy").exists()
    assert json.loads((run.dir / "s.json").read_text())["status"] == "blocked"


def test_isolation_limits_need_isolate(run):
    result = run("print(1)\n", "--memory", "100")
    assert result.exit_code == 2 and "go with --isolate" in result.output
