"""The README's Python example runs and prints what its comment says."""

import contextlib
import io
import pathlib
import re

README = pathlib.Path(__file__).resolve().parent.parent / "README.md"


def test_readme_python_example_prints_its_commented_result():
    text = README.read_text()
    [block] = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    expected = re.search(r"print\(.*\)\s*# (\S+)", block).group(1)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(block, "README.md", "exec"), {})
    assert out.getvalue().strip() == expected


def test_readme_quick_start_has_exactly_the_two_commands():
    section = README.read_text().split("## Quick start", 1)[1]
    [block] = re.findall(r"```bash\n(.*?)```", section.split("\n## ", 1)[0], flags=re.S)
    assert block.split("\n")[:-1] == ["make demo", "make test"]
