"""create / find / find_one / update / delete / revive through the official client."""
import shotgun_api3
from common import connect, report

sg = connect()
project = sg.create("Project", {"name": "From Python"})
shot = sg.create("Shot", {"code": "py_010", "project": project, "description": "made by shotgun_api3"}, ["sg_status_list"])
found = sg.find("Shot", [["project", "is", project], ["code", "starts_with", "py_"]], ["code", "project", "description"])
updated = sg.update("Shot", shot["id"], {"description": "changed"})
one = sg.find_one("Shot", [["id", "is", shot["id"]]], ["description"], order=[{"field_name": "id", "direction": "desc"}])
deleted = sg.delete("Shot", shot["id"])
gone = sg.find_one("Shot", [["id", "is", shot["id"]]])
retired = sg.find("Shot", [["id", "is", shot["id"]]], retired_only=True)
revived = sg.revive("Shot", shot["id"])
try:
    sg.find("Shot", [["no_such_field", "is", 1]])
    fault = None
except shotgun_api3.Fault as error:
    fault = str(error)
report({
    "project": project, "shot": shot, "found": found, "updated": updated, "one": one, "deleted": deleted,
    "gone": gone, "retired": [r["id"] for r in retired], "revived": revived, "fault": fault,
})
