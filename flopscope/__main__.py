"""``python -m flopscope ...`` is the ``flopscope`` command."""

from flopscope.cli import console_main

if __name__ == "__main__":
    console_main()
