"""Authentication as the client does it: bad script key, user login, session token, sudo_as_login."""
import os

import shotgun_api3
from common import connect, report

url = os.environ["SG_URL"]
faults = {}
try:
    shotgun_api3.Shotgun(url, os.environ["SG_SCRIPT"], "not-the-key").find_one("Shot", [])
except shotgun_api3.AuthenticationFault as error:
    faults["bad_key"] = str(error)
try:
    shotgun_api3.Shotgun(url, login=os.environ["SG_LOGIN"], password="wrong").find_one("Shot", [])
except shotgun_api3.AuthenticationFault as error:
    faults["bad_password"] = str(error)
try:
    connect(sudo_as_login="nobody.here").find_one("Shot", [])
except shotgun_api3.AuthenticationFault as error:
    faults["bad_sudo"] = str(error)

user = shotgun_api3.Shotgun(url, login=os.environ["SG_LOGIN"], password=os.environ["SG_PASSWORD"])
by_user = user.create("Shot", {"code": "by_user"})
token = user.get_session_token()
by_session = shotgun_api3.Shotgun(url, session_token=token).create("Shot", {"code": "by_session"})
by_sudo = connect(sudo_as_login=os.environ["SG_LOGIN"]).create("Shot", {"code": "by_sudo"})

report({"faults": faults, "by_user": by_user["id"], "by_session": by_session["id"], "by_sudo": by_sudo["id"]})
