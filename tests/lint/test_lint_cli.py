"""``flopscope lint`` and ``python -m flopscope.lint``: exit codes, options, files."""

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from flopscope.cli import main
from flopscope.lint.cli import lint_command

BLOCKED = "import numpy as np\nnp.save('a.npy', np.ones(2))\n"
CLEAN = "import numpy as np\nx = np.exp(np.ones(2))\n"


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "bad.py").write_text(BLOCKED)
    (tmp_path / "pkg" / "good.py").write_text(CLEAN)
    (tmp_path / "pkg" / "notes.txt").write_text(BLOCKED)
    (tmp_path / "pkg" / ".hidden").mkdir()
    (tmp_path / "pkg" / ".hidden" / "bad.py").write_text(BLOCKED)
    return tmp_path


def _run(*args):
    return CliRunner().invoke(main, ["lint", *map(str, args)])


def test_clean_exits_0(tree):
    result = _run(tree / "pkg" / "good.py")
    assert result.exit_code == 0 and result.output == ""


def test_findings_exit_1_and_directories_are_searched(tree):
    result = _run(tree / "pkg")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines == [f"{tree / 'pkg' / 'bad.py'}:2:1: FS101 " + lines[0].split(" FS101 ")[1]]


def test_a_named_file_is_linted_whatever_its_suffix(tree):
    assert _run(tree / "pkg" / "notes.txt").exit_code == 1


@pytest.mark.parametrize("args", [
    [],
    ["does-not-exist.py"],
    ["--format", "xml", "{good}"],
    ["--select", "XX9", "{good}"],
    ["--ignore", "FS9", "{good}"],
])
def test_usage_errors_exit_2(tree, args):
    good = tree / "pkg" / "good.py"
    assert _run(*[a.format(good=good) for a in args]).exit_code == 2


def test_select_and_ignore_take_prefixes(tree):
    bad = tree / "pkg" / "bad.py"
    assert _run("--select", "FS2,FS3", bad).exit_code == 0
    assert _run("--select", "fs1", bad).exit_code == 1
    assert _run("--ignore", "FS10", bad).exit_code == 0
    assert _run("--select", "FS1", "--ignore", "FS101", bad).exit_code == 0


def test_an_unparsable_file_is_reported_and_the_run_continues(tree):
    broken = tree / "pkg" / "broken.py"
    broken.write_text("import numpy as np\nif True\n    np.save(1)\n")
    result = _run("--format", "json", tree / "pkg")
    assert result.exit_code == 1
    found = {(d["path"], d["code"], d["line"]) for d in json.loads(result.stdout)}
    assert found == {(str(broken), "FS001", 2), (str(tree / "pkg" / "bad.py"), "FS101", 2)}


def test_an_undecodable_file_is_reported(tree):
    odd = tree / "odd.py"
    odd.write_bytes(b"x = '\xff\xfe'\n")
    result = _run(odd)
    assert result.exit_code == 1 and "FS001" in result.stdout


def test_an_internal_error_exits_2(tree, monkeypatch):
    from flopscope.lint import engine

    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(engine, "lint_paths", boom)
    result = CliRunner().invoke(lint_command, [str(tree / "pkg" / "good.py")])
    assert result.exit_code == 2 and "internal error" in result.output


def test_python_dash_m(tree):
    proc = subprocess.run([sys.executable, "-m", "flopscope.lint", "--format", "github",
                           str(tree / "pkg" / "bad.py")], capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stdout.startswith(f"::error file={tree / 'pkg' / 'bad.py'},line=2,col=1::FS101")


def test_preflight_reports_blocked_operations_only_by_default(tree):
    from flopscope.lint import preflight

    script = tree / "script.py"
    script.write_text(BLOCKED + "import numpy.polynomial as P\ngetattr(np, name)\n")
    assert [d.code for d in preflight(str(script))] == ["FS101"]
    assert [d.code for d in preflight(str(script), select=("FS1", "FS2", "FS3"))] == [
        "FS101", "FS201", "FS301"]
    assert preflight(str(tree / "pkg" / "good.py")) == []
