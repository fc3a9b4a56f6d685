import pytest


@pytest.fixture
def unweighted(monkeypatch):
    """Bare formulas: every weight is 1 (FLOPSCOPE_DISABLE_WEIGHTS)."""
    monkeypatch.setenv("FLOPSCOPE_DISABLE_WEIGHTS", "1")
