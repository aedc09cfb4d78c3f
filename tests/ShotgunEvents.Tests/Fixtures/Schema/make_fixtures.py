#!/usr/bin/env python3
"""Writes the schema fixtures the tests read, so the tests themselves need no Python.

A small site schema in the site's own verbose format (what schema_read / schema_entity_read answer), saved the ways a
studio has it:
  py3/schema.pickle, py3/schema_entity.pickle   pickle protocol 5 (Python 3's default today)
  py2/schema.pickle, py2/schema_entity.pickle   protocol 2 as Python 2's mockgun.generate_schema wrote it, byte
                                                 strings (SHORT_BINSTRING) for ASCII text
  py2-text/...                                   protocol 0 (text) with S'...' strings, the format of the Python
                                                 API's own tests/mockgun fixtures
  schema_read.json                               a plain saved schema_read answer
  site-schema.json                               the file `shotgun-events dump-schema` writes

Run from this folder: python3 make_fixtures.py
"""
import io
import json
import os
import pickle
import struct


def leaf(value, editable=False):
    return {"value": value, "editable": editable}


def field(entity, name, data_type, label, editable=True, mandatory=False, valid_types=None, valid_values=None, default=None):
    properties = {"default_value": leaf(default), "summary_default": leaf("none", True)}
    if valid_types is not None:
        properties["valid_types"] = leaf(valid_types, True)
    if valid_values is not None:
        properties["valid_values"] = leaf(valid_values, True)
    return {
        "name": leaf(label, True),
        "description": leaf("", True),
        "entity_type": leaf(entity),
        "data_type": leaf(data_type),
        "editable": leaf(editable),
        "mandatory": leaf(mandatory),
        "unique": leaf(False),
        "visible": leaf(True),
        "ui_value_displayable": leaf(True),
        "custom_metadata": leaf("", True),
        "properties": properties,
    }


def common(entity):
    return {
        "id": field(entity, "id", "number", "Id", editable=False),
        "created_at": field(entity, "created_at", "date_time", "Date Created", editable=False),
        "updated_at": field(entity, "updated_at", "date_time", "Date Updated", editable=False),
        "created_by": field(entity, "created_by", "entity", "Created by", editable=False, valid_types=["HumanUser", "ApiUser"]),
        "updated_by": field(entity, "updated_by", "entity", "Updated by", editable=False, valid_types=["HumanUser", "ApiUser"]),
    }


def entity(name, extra):
    fields = common(name)
    fields.update({f[0]: field(name, *f) for f in extra})
    return fields


SCHEMA = {
    "Project": entity("Project", [("name", "text", "Project Name")]),
    "HumanUser": entity("HumanUser", [
        ("name", "text", "Name"),
        ("login", "text", "Login"),
        ("locked_until", "date_time", "Locked Until"),
        ("sg_status_list", "status_list", "Status", True, False, None, ["act", "dis"], "act"),
    ]),
    "ApiUser": entity("ApiUser", [("firstname", "text", "Script Name"), ("lastname", "text", "Version")]),
    "Shot": entity("Shot", [
        ("code", "text", "Shot Code"),
        ("project", "entity", "Project", True, False, ["Project"]),
        ("sg_status_list", "status_list", "Status", True, False, None, ["wtg", "ip", "fin"], "wtg"),
        ("sg_cut_in", "number", "Cut In"),
        ("sg_fps", "float", "FPS"),
        ("sg_budget", "currency", "Budget"),
        ("sg_done", "percent", "Done"),
        ("sg_work", "duration", "Work"),
        ("sg_tc", "timecode", "Timecode"),
        ("sg_colour", "color", "Colour"),
        ("sg_air_date", "date", "Air Date"),
        ("sg_locked", "checkbox", "Locked", True, False, None, None, False),
        ("sg_kind", "list", "Kind", True, False, None, ["Hero", "BG"]),
        ("sg_data", "serializable", "Data"),
        ("sg_link", "url", "Link"),
        ("sg_title_ja", "text", "\u30bf\u30a4\u30c8\u30eb"),
        ("sg_hologram", "hologram", "From The Future"),
        ("sg_task_count", "summary", "Task Count", False),
        ("assets", "multi_entity", "Assets", True, False, ["Asset"]),
        ("tag_list", "tag_list", "Tags"),
    ]),
    "Asset": entity("Asset", [("code", "text", "Asset Name"), ("shots", "multi_entity", "Shots", True, False, ["Shot"])]),
    "CustomEntity01": entity("CustomEntity01", [("code", "text", "Name"), ("sg_shot", "entity", "Shot", True, False, ["Shot"])]),
    "EventLogEntry": {
        "id": field("EventLogEntry", "id", "number", "Id", editable=False),
        "event_type": field("EventLogEntry", "event_type", "text", "Event Type"),
        "attribute_name": field("EventLogEntry", "attribute_name", "text", "Attribute Name"),
        "description": field("EventLogEntry", "description", "text", "Description"),
        "meta": field("EventLogEntry", "meta", "serializable", "Meta"),
        "entity": field("EventLogEntry", "entity", "entity", "Link", valid_types=["Shot", "Asset", "Project", "CustomEntity01"]),
        "user": field("EventLogEntry", "user", "entity", "Who", valid_types=["HumanUser", "ApiUser"]),
        "project": field("EventLogEntry", "project", "entity", "Project", valid_types=["Project"]),
        "session_uuid": field("EventLogEntry", "session_uuid", "uuid", "Session UUID"),
        "created_at": field("EventLogEntry", "created_at", "date_time", "Date Created", editable=False),
    },
}

ENTITIES = {name: {"name": leaf(name if name != "CustomEntity01" else "Sequence Note"), "visible": leaf(True)} for name in SCHEMA}


class Python2Pickler(pickle._Pickler):
    """Pickles as Python 2's cPickle did at protocol 2: ASCII text as byte strings (SHORT_BINSTRING / BINSTRING)."""

    dispatch = dict(pickle._Pickler.dispatch)

    def save_py2_str(self, obj):
        try:
            raw = obj.encode("ascii")
        except UnicodeEncodeError:
            return pickle._Pickler.save_str(self, obj)
        if self.proto == 0:
            # Text protocol, as the Python API's own tests/mockgun fixtures are: S'...' lines.
            self.write(b"S" + repr(obj).encode("ascii") + b"\n")
        elif len(raw) < 256:
            self.write(pickle.SHORT_BINSTRING + bytes([len(raw)]) + raw)
        else:
            self.write(pickle.BINSTRING + struct.pack("<i", len(raw)) + raw)
        self.memoize(obj)

    dispatch[str] = save_py2_str


def write(path, data, py2, protocol=2):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "wb") as fh:
        if py2:
            buffer = io.BytesIO()
            Python2Pickler(buffer, protocol=protocol).dump(data)
            fh.write(buffer.getvalue())
        else:
            pickle.dump(data, fh, protocol=5)


write("py3/schema.pickle", SCHEMA, py2=False)
write("py3/schema_entity.pickle", ENTITIES, py2=False)
write("py2/schema.pickle", SCHEMA, py2=True)
write("py2/schema_entity.pickle", ENTITIES, py2=True)
write("py2-text/schema.pickle", SCHEMA, py2=True, protocol=0)
write("py2-text/schema_entity.pickle", ENTITIES, py2=True, protocol=0)
with open("schema_read.json", "w", encoding="utf-8") as fh:
    json.dump(SCHEMA, fh, indent=1, ensure_ascii=False)
with open("site-schema.json", "w", encoding="utf-8") as fh:
    json.dump({"format": "shotgun-events-site-schema", "version": 1, "schema": SCHEMA, "entities": ENTITIES}, fh, indent=1, ensure_ascii=False)
