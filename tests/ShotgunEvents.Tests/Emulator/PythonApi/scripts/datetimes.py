"""date_time values in both modes of the client: local time converted to UTC (the default) and UTC as given."""
import datetime

from common import connect, report

utc_mode = connect()
local_mode = connect(convert_datetimes_to_utc=False)
when = datetime.datetime(2024, 1, 2, 10, 0, 0)

a = utc_mode.create("Shot", {"code": "utc_mode", "sg_last_published_at": when, "sg_due_date": datetime.date(2024, 3, 4)})
b = local_mode.create("Shot", {"code": "local_mode", "sg_last_published_at": when})

a_utc = utc_mode.find_one("Shot", [["id", "is", a["id"]]], ["sg_last_published_at", "sg_due_date"])
a_local = local_mode.find_one("Shot", [["id", "is", a["id"]]], ["sg_last_published_at"])
b_utc = utc_mode.find_one("Shot", [["id", "is", b["id"]]], ["sg_last_published_at"])
b_local = local_mode.find_one("Shot", [["id", "is", b["id"]]], ["sg_last_published_at"])
by_filter = utc_mode.find("Shot", [["sg_last_published_at", "greater_than", when - datetime.timedelta(minutes=1)]], ["code"])


def naive(value):
    return value.replace(tzinfo=None).isoformat()


report({
    "a": a["id"], "b": b["id"],
    "a_read_utc_mode": naive(a_utc["sg_last_published_at"]), "a_read_local_mode": naive(a_local["sg_last_published_at"]),
    "b_read_utc_mode": naive(b_utc["sg_last_published_at"]), "b_read_local_mode": naive(b_local["sg_last_published_at"]),
    "a_utc_mode_is_aware": a_utc["sg_last_published_at"].tzinfo is not None,
    "due_date": a_utc["sg_due_date"], "filter_codes": sorted(s["code"] for s in by_filter),
})
