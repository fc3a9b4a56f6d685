"""docs/api.md lists every public name with its docstring's first line.

If this fails after you added or changed a public name, regenerate the file from what
you are committing (not from the shared working tree):

    git add <your files>
    python -m flopscope._apidoc --index > docs/api.md
"""

from pathlib import Path

from flopscope import _apidoc

API_MD = Path(__file__).resolve().parent.parent / "docs" / "api.md"
HOW = ("regenerate it: git add <your files>; "
       "python -m flopscope._apidoc --index > docs/api.md")


def _expected() -> dict[str, str]:
    return {name: text or _apidoc.NO_DOCSTRING
            for rows in _apidoc.entries().values() for name, _, text in rows}


def test_every_public_name_has_a_description():
    missing = sorted(name for rows in _apidoc.entries().values()
                     for name, _, text in rows if not text)
    assert not missing, f"public names without a docstring: {', '.join(missing)}"


def test_docs_api_md_is_current():
    documented = _apidoc.parse(API_MD.read_text())
    expected = _expected()
    absent = sorted(n for n in expected if n not in documented)
    changed = sorted(n for n in expected if n in documented and documented[n] != expected[n])
    assert not absent, f"docs/api.md does not list {', '.join(absent)}; {HOW}"
    assert not changed, f"docs/api.md describes {', '.join(changed)} differently; {HOW}"


def test_render_parses_back():
    text = _apidoc.render()
    assert _apidoc.parse(text) == _expected()
    assert "`flopscope.budget_live` (function)" in text
    assert "`flopscope.numpy.namespace` (function)" in text
