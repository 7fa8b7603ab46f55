"""Which reminder times fall due in a minute, in one time zone's wall clock (pure Python).

A beat task runs every minute. For the minute that starts at UTC instant `m`, a zone's
window is the wall-clock stretch from the previous minute (exclusive) to this one
(inclusive), so that:

- on an ordinary minute it holds exactly one wall-clock minute;
- when clocks spring forward (02:00 -> 03:00), the first minute after the gap holds every
  time of the gap: a reminder at 02:30 goes at 03:00, once;
- when clocks fall back (02:00 -> 01:00), the minute that jumps back holds nothing, and
  the hour that repeats finds the patient already reminded that day (`reminded_on`);
- a window that crosses midnight starts at the new day's midnight, and the date a
  reminder counts for is always the wall-clock date at the end of the window.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

ONE_MINUTE = dt.timedelta(minutes=1)


@dataclass(frozen=True)
class ReminderWindow:
    local_date: dt.date
    after: dt.time | None  # exclusive; None: from the day's midnight, inclusive
    upto: dt.time  # inclusive

    def holds(self, reminder_time: dt.time) -> bool:
        return (self.after is None or reminder_time > self.after) and reminder_time <= self.upto


def minute_start(instant: dt.datetime) -> dt.datetime:
    return instant.replace(second=0, microsecond=0)


def reminder_window(*, minute: dt.datetime, zone: ZoneInfo) -> ReminderWindow | None:
    """The wall-clock window of `zone` for the minute starting at the aware `minute`;
    None when the clocks went back over it."""
    start = (minute - ONE_MINUTE).astimezone(zone).replace(tzinfo=None, fold=0)
    end = minute.astimezone(zone).replace(tzinfo=None, fold=0)
    if end <= start:
        return None
    if start.date() < end.date():
        return ReminderWindow(local_date=end.date(), after=None, upto=end.time())
    return ReminderWindow(local_date=end.date(), after=start.time(), upto=end.time())
