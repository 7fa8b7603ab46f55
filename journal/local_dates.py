""" "Today" where the patient lives, and the latest "today" anywhere on Earth."""

from __future__ import annotations

import datetime
import zoneinfo

# The easternmost time zone (Pacific/Kiritimati) is UTC+14: no place has a later date.
_EASTERNMOST_OFFSET = datetime.timedelta(hours=14)


def today_in_zone(timezone_name: str) -> datetime.date:
    return datetime.datetime.now(zoneinfo.ZoneInfo(timezone_name)).date()


def latest_today() -> datetime.date:
    """A date later than this is in the future everywhere. An entry dated after the
    patient's today but not after this may be a replay from before they moved west
    (journal.entry_batch decides: only an unchanged replay is accepted)."""
    return (datetime.datetime.now(datetime.UTC) + _EASTERNMOST_OFFSET).date()
