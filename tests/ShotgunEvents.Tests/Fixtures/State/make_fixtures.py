#!/usr/bin/env python3
"""Writes the upstream shotgunEvents state-file fixtures used by UpstreamStateImporterTests.

Run once with Python 3 (`python3 make_fixtures.py` in this directory); the output is committed so CI needs no Python.
The structure is the one upstream's Engine._saveEventIdData pickles (shotgunEventDaemon.py):
{collection path as written in the config: {plugin stem: (lastEventId or None, {missing id: naive local expiry})}}
"""
import datetime
import pickle

STATE = {
    "/usr/local/shotgun/plugins": {
        "logArgs": (5000, {}),
        # A gap 4990-4992 and a lone 4995, pending with upstream's naive local expiry (now + 5 min).
        "versionStatus": (4998, {
            4990: datetime.datetime(2024, 3, 1, 12, 5, 0),
            4991: datetime.datetime(2024, 3, 1, 12, 5, 0),
            4992: datetime.datetime(2024, 3, 1, 12, 5, 0),
            4995: datetime.datetime(2024, 3, 1, 12, 6, 30, 250000),
        }),
        "neverRan": (None, {}),
    },
    "/studio/extra_plugins": {
        "logArgs": (4200, {}),
    },
}

# Protocol 2: what upstream wrote before #97 (readable by Python 2); protocol 5: HIGHEST_PROTOCOL on Python 3.8+.
for protocol in (2, 5):
    with open(f"upstream-protocol{protocol}.id", "wb") as fh:
        pickle.dump(STATE, fh, protocol=protocol)

# The pre-2011 format: the file holds one plain integer, the last event id, for every plugin.
with open("upstream-plain-integer.id", "w") as fh:
    fh.write("123456\n")

# Python 2's cPickle wrote datetime state as a byte *string* (SHORT_BINSTRING), not as _codecs.encode(...) as
# Python 3 does at protocol 2; Python 3 cannot produce that, so these bytes are assembled by hand: a dict
# {'/plugins': {'legacy': (77, {75: datetime(2012, 5, 6, 7, 8, 9)})}} exactly as Python 2.7 pickles it.
dt_state = bytes([0x07, 0xDC, 5, 6, 7, 8, 9, 0, 0, 0])
py2 = (
    b"\x80\x02}q\x00U\x08/pluginsq\x01}q\x02U\x06legacyq\x03KM}q\x04KK"
    b"cdatetime\ndatetime\nq\x05U\n" + dt_state + b"\x85Rq\x06s\x86q\x07ss."
)
assert pickle.loads(py2, encoding="bytes") == {b"/plugins": {b"legacy": (77, {75: datetime.datetime(2012, 5, 6, 7, 8, 9)})}}
with open("upstream-python2-protocol2.id", "wb") as fh:
    fh.write(py2)
