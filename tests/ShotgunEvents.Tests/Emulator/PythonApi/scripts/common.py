"""Shared set-up of the scripted shotgun_api3 calls run by PythonApiTests against a live emulator."""
import json
import os
import sys

import shotgun_api3


def connect(**kwargs):
    return shotgun_api3.Shotgun(os.environ["SG_URL"], os.environ["SG_SCRIPT"], os.environ["SG_KEY"], **kwargs)


def report(result):
    # The test reads the last stdout line as the script's answer.
    sys.stdout.write(json.dumps(result, default=str) + "\n")
