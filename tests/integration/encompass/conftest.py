"""Operation Encompass tests start before the school day, on a fixed morning in term."""

from datetime import datetime

import pytest
import time_machine

from onestory.encompass.rules import LONDON


@pytest.fixture
def before_school():
    """Tuesday 10 March 2026 at 07:00 in England, in term: last night's incident is due at
    08:30 this morning, so a notice recorded now is on time, whatever ``--today`` says."""
    with time_machine.travel(datetime(2026, 3, 10, 7, 0, tzinfo=LONDON), tick=True):
        yield
