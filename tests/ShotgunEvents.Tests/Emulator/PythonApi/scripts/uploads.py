"""upload / upload_thumbnail / upload_filmstrip_thumbnail / share_thumbnail / download_attachment, and create with an image."""
import os
import urllib.request

from common import connect, report

work = os.environ["SG_WORK"]


def write(name, data):
    path = os.path.join(work, name)
    with open(path, "wb") as f:
        f.write(data)
    return path


movie = write("cut_v001.mov", b"MOV" + bytes(range(256)) * 40)
thumb = write("thumb.png", b"\x89PNG\r\n\x1a\n" + b"thumbnail-bytes" * 10)
strip = write("strip.jpg", b"\xff\xd8\xff" + b"filmstrip" * 30)

sg = connect()
version = sg.create("Version", {"code": "v001"})
other = sg.create("Version", {"code": "v002"})

movie_id = sg.upload("Version", version["id"], movie, field_name="sg_uploaded_movie", display_name="Cut v001", tag_list="review,client")
thumb_id = sg.upload_thumbnail("Version", version["id"], thumb)
strip_id = sg.upload_filmstrip_thumbnail("Version", version["id"], strip)
shared_id = sg.share_thumbnail([other], source_entity=version)

row = sg.find_one("Version", [["id", "is", version["id"]]], ["sg_uploaded_movie", "image", "filmstrip_image"])
other_row = sg.find_one("Version", [["id", "is", other["id"]]], ["image"])
attachment = sg.find_one("Attachment", [["id", "is", movie_id]], ["this_file", "filename", "file_size", "tag_list"])

downloaded = sg.download_attachment(row["sg_uploaded_movie"])
target = os.path.join(work, "downloaded.mov")
written = sg.download_attachment({"type": "Attachment", "id": movie_id}, file_path=target)
with open(target, "rb") as f:
    from_file = f.read()
with urllib.request.urlopen(row["image"]) as response:
    thumbnail_bytes = response.read()

created = sg.create("Version", {"code": "v003", "image": thumb})

cleared = sg.update("Version", version["id"], {"image": None})
after_clear = sg.find_one("Version", [["id", "is", version["id"]]], ["image", "filmstrip_image"])

# The multi-part storage path, forced with a small chunk size instead of a 20 MB file.
sg._MULTIPART_UPLOAD_CHUNK_SIZE = 1000
multipart_id = sg.upload("Version", other["id"], movie, field_name="sg_uploaded_movie")
multipart_bytes = sg.download_attachment(multipart_id)
sg._MULTIPART_UPLOAD_CHUNK_SIZE = 20000000

# The one-request form uploads a site without direct uploads takes (/upload/upload_file, /upload/publish_thumbnail).
sg.server_info["s3_direct_uploads_enabled"] = False
form_id = sg.upload("Version", created["id"], movie, field_name="sg_uploaded_movie")
form_bytes = sg.download_attachment(form_id)
form_thumb_id = sg.upload_thumbnail("Version", created["id"], strip)
form_thumb = sg.find_one("Version", [["id", "is", created["id"]]], ["image"])["image"]

with open(movie, "rb") as f:
    movie_bytes = f.read()
with open(thumb, "rb") as f:
    thumb_bytes = f.read()

report({
    "version": version["id"], "movie_id": movie_id, "thumb_id": thumb_id, "strip_id": strip_id, "shared_id": shared_id,
    "movie_field": row["sg_uploaded_movie"], "image": row["image"], "filmstrip_image": row["filmstrip_image"],
    "other_image": other_row["image"], "attachment": attachment,
    "download_matches": downloaded == movie_bytes, "file_path_returned": written == target, "file_matches": from_file == movie_bytes,
    "thumbnail_matches": thumbnail_bytes == thumb_bytes, "created_image": created.get("image"),
    "multipart_matches": multipart_bytes == movie_bytes, "form_matches": form_bytes == movie_bytes,
    "form_thumb_id": form_thumb_id, "form_thumb": form_thumb, "after_clear": after_clear,
})
