import pytest


@pytest.fixture(autouse=True)
def _fresh_session():
    """Each test starts with a fresh global default budget."""
    import flopscope

    yield
    from flopscope.runtime import budget

    if budget._current is not budget._default:  # a test left a context open
        budget._current = budget._default
    flopscope.budget_reset()
