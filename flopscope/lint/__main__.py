"""``python -m flopscope.lint PATH...`` is ``flopscope lint PATH...``."""

from flopscope.lint.cli import lint_command

if __name__ == "__main__":
    lint_command(prog_name="python -m flopscope.lint")
