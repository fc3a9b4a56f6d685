"""Where the reference data copied from shared/ lives inside the test suite."""

import pathlib

DATA = pathlib.Path(__file__).parent / "data"
