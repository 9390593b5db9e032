"""Reads an iCalendar file with the `icalendar` package and prints its events as JSON lines:
what a calendar application would take from it."""
import json
import sys

import icalendar

with open(sys.argv[1], "rb") as f:
    calendar = icalendar.Calendar.from_ical(f.read())
print(json.dumps({"name": str(calendar.get("X-WR-CALNAME", "")), "prodid": str(calendar.get("PRODID", ""))}))
for event in calendar.walk("VEVENT"):
    rrule = event.get("RRULE")
    print(json.dumps({
        "uid": str(event["UID"]),
        "summary": str(event["SUMMARY"]),
        "start": event.decoded("DTSTART").isoformat(),
        "end": event.decoded("DTEND").isoformat(),
        "stamp": event.decoded("DTSTAMP").isoformat(),
        "rrule": {k: [str(v) for v in vs] for k, vs in rrule.items()} if rrule else None,
        "description": str(event.get("DESCRIPTION", "")),
        "url": str(event.get("URL", "")),
    }, ensure_ascii=False))
