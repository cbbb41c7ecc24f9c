"""`content query --uri content://media/...`: MediaStore rows built from /sdcard's files (ids stable, new files
scanned on query, deleted ones gone), Android's row format and errors, delete removing the file, and a
`content://media` image URI opening in Gallery."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.apps.gallery import GalleryApp
from droidpilot.emulator.virtual.system.javalang import java_hash

IMAGES = "content://media/external/images/media"


@pytest.fixture(scope="module")
def phone() -> Iterator[VirtualPhone]:
    with VirtualPhone() as p:
        gallery = p.host.apps["com.android.gallery3d"]
        assert isinstance(gallery, GalleryApp)
        gallery.add_image("/sdcard/DCIM/Camera/IMG_1.jpg", 800, 600)
        yield p


def query(phone: VirtualPhone, args: str) -> str:
    result = phone.shell(f"content query --uri {args}")
    assert result.exit_code == 0, result.stderr
    return result.stdout.decode()


def test_rows_are_built_from_the_files(phone: VirtualPhone) -> None:
    rows = query(phone, f"{IMAGES} --projection _id:_data:_display_name:mime_type:width:height:bucket_display_name")
    assert rows == ("Row: 0 _id=1, _data=/storage/emulated/0/DCIM/Camera/IMG_1.jpg, _display_name=IMG_1.jpg, "
                    "mime_type=image/jpeg, width=800, height=600, bucket_display_name=Camera\n")
    full = query(phone, IMAGES)
    assert full.startswith("Row: 0 _id=1, _data=/storage/emulated/0/DCIM/Camera/IMG_1.jpg, _size=")
    assert f"bucket_id={java_hash('/storage/emulated/0/dcim/camera')}" in full and "relative_path=DCIM/Camera/" in full
    assert java_hash("/storage/emulated/0/dcim/camera") == -1739773001  # the Camera bucket on every phone
    videos = query(phone, "content://media/external/video/media --projection _display_name:mime_type:duration")
    assert "_display_name=Birthday party.mp4, mime_type=video/mp4, duration=" in videos  # VLC's seeded Movies
    audio = query(phone, "content://media/external/audio/media --projection _display_name:artist:is_music")
    assert audio.count("Row: ") == 3 and "is_music=1" in audio  # Retro Music's songs, tags read from the files
    assert query(phone, "content://media/internal/audio/media") == "No result found.\n"


def test_new_files_are_scanned_and_ids_are_never_reused(phone: VirtualPhone) -> None:
    phone.shell("cp /sdcard/DCIM/Camera/IMG_1.jpg /sdcard/Pictures/copy.jpg")
    found = query(phone, f"{IMAGES} --where \"_display_name='copy.jpg'\" --projection _id:_data")
    new_id = int(found.split("_id=")[1].split(",")[0])
    assert new_id > 1 and found.endswith("_data=/storage/emulated/0/Pictures/copy.jpg\n")
    assert query(phone, f"{IMAGES}/{new_id} --projection _display_name") == "Row: 0 _display_name=copy.jpg\n"
    phone.shell(f"content delete --uri {IMAGES} --where \"_id={new_id}\"")  # MediaProvider deletes the file too
    assert phone.shell("ls /sdcard/Pictures/copy.jpg").exit_code == 1
    phone.shell("cp /sdcard/DCIM/Camera/IMG_1.jpg /sdcard/Pictures/copy.jpg")
    again = query(phone, f"{IMAGES} --where \"_display_name='copy.jpg'\" --projection _id")
    assert int(again.split("_id=")[1]) > new_id
    phone.shell("rm /sdcard/Pictures/copy.jpg; mkdir -p /sdcard/Pictures/.hidden; "
                "cp /sdcard/DCIM/Camera/IMG_1.jpg /sdcard/Pictures/.hidden/x.jpg")
    assert "copy.jpg" not in query(phone, IMAGES) and "x.jpg" not in query(phone, IMAGES)


def test_errors_read_as_android_prints_them(phone: VirtualPhone) -> None:
    bad = phone.shell("content query --uri content://media/external/bogus")
    assert bad.exit_code == 1
    assert bad.stderr.decode().startswith("Error while accessing provider:media\n"
                                          "java.lang.UnsupportedOperationException: Unknown or unsupported URL: "
                                          "content://media/external/bogus\n")
    column = phone.shell(f"content query --uri {IMAGES} --projection nosuch")
    assert "Invalid column: nosuch" in column.stderr.decode()


def test_a_media_uri_opens_the_picture_in_gallery(phone: VirtualPhone) -> None:
    phone.shell(f"am start -a android.intent.action.VIEW -d {IMAGES}/1")
    assert phone.current_focus() == ("com.android.gallery3d", "com.android.gallery3d.app.PhotoPage")
    assert any(e.text == "IMG_1.jpg" for e in phone.observe().elements)
