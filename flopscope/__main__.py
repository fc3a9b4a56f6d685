"""``python -m flopscope ...`` is the ``flopscope`` command."""

from flopscope.cli import main

if __name__ == "__main__":
    main()
