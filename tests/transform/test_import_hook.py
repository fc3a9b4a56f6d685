"""The meta-path finder claims exactly the modules under the instrumented roots."""

import sys

import pytest

from flopscope.transform import hook


@pytest.fixture
def project(tmp_path, monkeypatch):
    root = tmp_path / "project"
    (root / "pkg").mkdir(parents=True)
    (root / "pkg" / "__init__.py").write_text("")
    (root / "pkg" / "ops.py").write_text("def f(a, b):\n    return a + b\n")
    (root / "util.py").write_text("X = 2 * 3\nY = -X\n")
    lib = tmp_path / "lib"
    (lib / "extlib").mkdir(parents=True)
    (lib / "extlib" / "__init__.py").write_text("def g(a):\n    return a * 2\n")
    (lib / "plain.py").write_text("Z = 1\n")
    monkeypatch.syspath_prepend(str(lib))
    monkeypatch.syspath_prepend(str(root))
    yield root, lib
    for name in ["pkg", "pkg.ops", "util", "extlib", "plain"]:
        sys.modules.pop(name, None)


def _loaded_instrumented(name):
    return bool(sys.modules[name].__dict__.get("__flopscope_instrumented__"))


def test_claims_modules_under_the_script_directory_only(project):
    root, lib = project
    with hook.instrumented([str(root)]):
        import pkg.ops
        import plain
        import util
    assert _loaded_instrumented("pkg") and _loaded_instrumented("pkg.ops")
    assert _loaded_instrumented("util") and util.Y == -6
    assert not _loaded_instrumented("plain")
    assert pkg.ops.__flopscope__.__name__ == "flopscope.runtime.stubs"


def test_instrument_names_a_package(project):
    root, lib = project
    with hook.instrumented([str(root)], [hook.package_root("extlib")]):
        import extlib
    assert _loaded_instrumented("extlib")


def test_never_claims_stdlib_numpy_or_flopscope(project):
    root, lib = project
    finder = hook.InstrumentingFinder([str(root)])
    for name in ["json", "numpy", "flopscope.cli", "numpy.linalg", "email.mime"]:
        assert finder.find_spec(name, None) is None
    assert not finder.claims(hook.__file__)
    assert not finder.claims(sys.modules["numpy"].__file__)


def test_script_directory_inside_site_packages_does_not_reach_it(tmp_path):
    import sysconfig

    purelib = sysconfig.get_paths()["purelib"]
    finder = hook.InstrumentingFinder([purelib.rsplit("/", 1)[0]])
    assert not finder.claims(purelib + "/somepkg/__init__.py")


def test_uninstall(project):
    root, lib = project
    finder = hook.install([str(root)])
    assert sys.meta_path[0] is finder
    hook.uninstall(finder)
    hook.uninstall(finder)  # twice is harmless
    assert finder not in sys.meta_path


def test_package_root(project):
    root, lib = project
    assert hook.package_root("extlib") == str((lib / "extlib").resolve())
    assert hook.package_root("plain") == str((lib / "plain.py").resolve())
    assert hook.package_root("pkg.ops") == str((root / "pkg" / "ops.py").resolve())
    assert hook.package_root("no_such_package_xyz") is None
    assert "pkg.ops" not in sys.modules  # located, not imported


def test_user_module_shadowing_a_stdlib_name_is_instrumented(project):
    root, lib = project
    (root / "queue.py").write_text("Q = 1 + 1\n")
    saved = sys.modules.pop("queue", None)
    try:
        with hook.instrumented([str(root)]):
            import queue
        assert queue.__file__ == str(root / "queue.py")
        assert _loaded_instrumented("queue")
    finally:
        sys.modules.pop("queue", None)
        if saved is not None:
            sys.modules["queue"] = saved
