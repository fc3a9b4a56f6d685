"""The instrumented-code cache, tested the way pytest tests its rewrite cache."""

import os
import stat
import subprocess
import sys

import pytest

from flopscope.transform import cache
from flopscope.transform.constructs import REWRITE_ABI

SOURCE = "x = 1 + 2 * y\n"


@pytest.fixture(autouse=True)
def _write_bytecode(monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", False)


@pytest.fixture
def module(tmp_path):
    path = tmp_path / "mod.py"
    path.write_text("y = 3\nx = y + 1\n")
    return path


def _no_transform(*args, **kwargs):
    raise AssertionError("the source was transformed again")


def _value(code, **scope):
    import fake_runtime

    scope["__flopscope__"] = fake_runtime.make()
    exec(code, scope)
    return scope


def test_cache_file_name_has_version_and_abi(module):
    import flopscope

    name = os.path.basename(cache.cache_path(str(module)))
    assert name == (f"mod.{sys.implementation.cache_tag}-flopscope-{flopscope.__version__}"
                    f"-r{REWRITE_ABI}.pyc")


def test_second_load_does_not_transform(module, monkeypatch):
    first = cache.load_code(str(module))
    assert os.path.exists(cache.cache_path(str(module)))
    monkeypatch.setattr(cache, "transform", _no_transform)
    second = cache.load_code(str(module))
    assert _value(second)["x"] == _value(first)["x"] == 4
    assert second.co_filename == str(module)


def test_edit_within_the_same_second_is_seen(module):
    cache.load_code(str(module))
    stat_before = os.stat(module)
    module.write_text("y = 3\nx = y + 2\n")
    os.utime(module, ns=(stat_before.st_atime_ns, stat_before.st_mtime_ns))
    assert _value(cache.load_code(str(module)))["x"] == 5


@pytest.mark.parametrize("damage", [b"", b"\x00" * 10, None], ids=["empty", "short", "truncated"])
def test_corrupt_pyc_is_rewritten(module, damage):
    cache.load_code(str(module))
    pyc = cache.cache_path(str(module))
    data = open(pyc, "rb").read()
    with open(pyc, "wb") as f:
        f.write(data[: len(data) // 2] if damage is None else damage)
    assert _value(cache.load_code(str(module)))["x"] == 4
    assert open(pyc, "rb").read() == data  # repaired


def test_version_change_uses_another_file(module, monkeypatch):
    cache.load_code(str(module))
    monkeypatch.setattr(cache, "_version", lambda: "999.0")
    called = []
    real = cache.transform
    monkeypatch.setattr(cache, "transform", lambda *a: called.append(1) or real(*a))
    cache.load_code(str(module))
    assert called and "flopscope-999.0" in cache.cache_path(str(module))


def test_pycache_is_a_file(module, monkeypatch):
    (module.parent / "__pycache__").write_text("not a directory")
    assert _value(cache.load_code(str(module)))["x"] == 4


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True,
                    reason="root can write to read-only directories")
def test_read_only_directory(module):
    mode = os.stat(module.parent).st_mode
    os.chmod(module.parent, stat.S_IREAD | stat.S_IEXEC)
    try:
        assert _value(cache.load_code(str(module)))["x"] == 4
    finally:
        os.chmod(module.parent, mode)


def test_unwritable_cache_never_raises(module, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError("read-only file system")

    monkeypatch.setattr(os, "replace", refuse)
    assert _value(cache.load_code(str(module)))["x"] == 4
    assert not os.path.exists(cache.cache_path(str(module)))
    assert os.listdir(module.parent / "__pycache__") == []  # no temp file left behind


def test_dont_write_bytecode(module, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    cache.load_code(str(module))
    assert not os.path.exists(cache.cache_path(str(module)))


def test_no_cache(module):
    cache.load_code(str(module), use_cache=False)
    assert not os.path.exists(cache.cache_path(str(module)))


def test_two_processes_at_once(module):
    code = ("import sys; from flopscope.transform import cache; "
            "sys.dont_write_bytecode = False; "
            "[cache.load_code(sys.argv[1]) for _ in range(5)]")
    procs = [subprocess.Popen([sys.executable, "-c", code, str(module)]) for _ in range(4)]
    assert [p.wait(timeout=60) for p in procs] == [0] * 4
    assert _value(cache.load_code(str(module)))["x"] == 4
    assert [n for n in os.listdir(module.parent / "__pycache__") if n.endswith(".tmp")] == []


def test_cache_hit_does_not_import_libcst(module):
    cache.load_code(str(module))
    code = ("import sys; from flopscope.transform import cache; "
            "sys.dont_write_bytecode = False; cache.load_code(sys.argv[1]); "
            "print('libcst' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(module)], capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip() == "False"


def test_cache_directory_cannot_be_made(module, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError("read-only directory")

    monkeypatch.setattr(os, "makedirs", refuse)
    assert _value(cache.load_code(str(module)))["x"] == 4
