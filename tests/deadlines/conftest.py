import pytest
from table import CALENDARS, REFERENCES


@pytest.fixture
def fi():
    """(reference now, calendar) for Finnish: Friday 2026-11-20 10:00 Europe/Helsinki."""
    return REFERENCES["fi"], CALENDARS["fi"]


@pytest.fixture
def sv():
    return REFERENCES["sv"], CALENDARS["sv"]


@pytest.fixture
def en():
    return REFERENCES["en"], CALENDARS["en"]
