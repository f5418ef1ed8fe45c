"""The officer's plan as an iCalendar (RFC 5545) feed for Outlook or any calendar app."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from icalendar import Calendar, Event

# Half-days as clock times (school hours; a planning convention, not a shift schedule).
HALF_DAY_HOURS = {"am": (time(8, 30), time(12, 0)), "pm": (time(12, 30), time(15, 30))}


def visits_calendar(*, officer, visits, time_zone: str) -> bytes:
    """One VEVENT per visit with a stable UID, so calendar apps update rather than duplicate."""
    zone = ZoneInfo(time_zone)
    calendar = Calendar()
    calendar.add("prodid", "-//SRO Hub//Visit plan//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"SRO Hub – {officer.name}")
    stamp = timezone.now()
    for visit in visits:
        calendar.add_component(_event(visit, zone, stamp))
    return calendar.to_ical()


def _event(visit, zone: ZoneInfo, stamp) -> Event:
    start, end = HALF_DAY_HOURS[visit.half_day]
    event = Event()
    event.add("uid", f"visit-{visit.pk}@srohub")
    event.add("dtstamp", stamp)
    event.add("dtstart", datetime.combine(visit.day, start, zone))
    event.add("dtend", datetime.combine(visit.day, end, zone))
    event.add("summary", f"{visit.school.name}" + (f" – {visit.reason}" if visit.reason else ""))
    if visit.school.address:
        event.add("location", f"{visit.school.address}, {visit.school.city}".strip(", "))
    event.add("status", "CANCELLED" if visit.status == "missed" else "CONFIRMED")
    return event


def feed_window(today):
    """What the feed covers: two weeks back and ten weeks ahead."""
    return today - timedelta(days=14), today + timedelta(days=70)
