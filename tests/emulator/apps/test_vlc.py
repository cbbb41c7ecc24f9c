"""VLC driven through its UI: the library scans the video folders into vlc_media.db (app_db/), playlists are
created and filled in order, reordered and deleted, and AndroidWorld's playlist query reads them back."""

from __future__ import annotations

import sqlite3

import pytest
from PIL import Image, ImageChops

from droidpilot.emulator.device import UIElement
from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.apps.audiorecorder.m4a import duration_ms
from droidpilot.emulator.virtual.apps.vlc import VlcApp
from droidpilot.emulator.virtual.apps.vlc.frames import frames_of
from tests.ui import elements, find, need, open_app, tap

PKG = VlcApp.PACKAGE
AW_QUERY = """SELECT Playlist.name AS playlist_name, Media.filename AS media_file_name,
    PlaylistMediaRelation.position AS order_in_playlist FROM PlaylistMediaRelation
    INNER JOIN Playlist ON Playlist.id_playlist = PlaylistMediaRelation.playlist_id
    INNER JOIN Media ON Media.id_media = PlaylistMediaRelation.media_id
    ORDER BY Playlist.name, PlaylistMediaRelation.position"""


@pytest.fixture
def vlc(phone: VirtualPhone) -> VlcApp:
    app = phone.host.apps[PKG]
    assert isinstance(app, VlcApp)
    for folder in ("/sdcard/Movies", "/sdcard/VLCVideos", "/sdcard/Download"):
        app.clear_videos(folder)
    app.clear_library()
    return app


def query(phone: VirtualPhone, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(phone.data_dir / "data" / PKG / "app_db" / "vlc_media.db")
    try:
        return list(conn.execute(sql))
    finally:
        conn.close()


def by_rid(phone: VirtualPhone, rid: str) -> list[UIElement]:
    return [e for e in elements(phone) if e.resource_id == f"{PKG}:id/{rid}"]


def more_of(phone: VirtualPhone, title: str) -> None:
    """Tap the "More Actions" button on the row showing `title`."""
    row = need(phone, rid="ml_item_title", text=title)
    button = next(b for b in by_rid(phone, "item_more") if b.bounds.top <= row.bounds.center[1] <= b.bounds.bottom)
    phone.tap(*button.bounds.center)


def add_to(phone: VirtualPhone, title: str, playlist: str, new: bool) -> None:
    more_of(phone, title)
    tap(phone, text="Add to playlist")
    if new:
        phone.input_text(playlist)  # the name field has the focus
        tap(phone, rid="dialog_playlist_save")
    else:
        tap(phone, rid="playlist_name", text=playlist)


def test_library_scans_real_mp4s_sorted_by_title(phone: VirtualPhone, vlc: VlcApp) -> None:
    vlc.write_video("scene_3_HD.mp4", 95, "Hello")
    vlc.write_video("clip_12_raw.mp4", 42, folder="/storage/emulated/0/Movies")
    data = (phone.data_dir / "sdcard/VLCVideos/scene_3_HD.mp4").read_bytes()
    assert data[4:8] == b"ftyp" and duration_ms(data) == 95_000 and len(data) < 40_000
    open_app(phone, "VLC")
    assert [e.text for e in by_rid(phone, "ml_item_title")] == ["clip_12_raw", "scene_3_HD"]
    assert [e.text for e in by_rid(phone, "ml_item_time")] == ["0:42", "1:35"]
    assert query(phone, "SELECT filename, duration, type FROM Media ORDER BY filename") == [
        ("clip_12_raw.mp4", 42_000, 1), ("scene_3_HD.mp4", 95_000, 1)]
    phone.screenshot()
    phone.shell("rm /sdcard/VLCVideos/scene_3_HD.mp4")
    assert [e.text for e in by_rid(phone, "ml_item_title")] == ["clip_12_raw"]


def test_create_a_playlist_in_order_and_add_to_it(phone: VirtualPhone, vlc: VlcApp) -> None:
    for name in ("moment_5_4K.mp4", "clip_1_.mp4", "episode_9_raw.mp4"):
        vlc.write_video(name, 30)
    open_app(phone, "VLC")
    add_to(phone, "moment_5_4K", "Road Trips Favorites", new=True)
    add_to(phone, "clip_1_", "Road Trips Favorites", new=False)
    add_to(phone, "episode_9_raw", "road trips favorites", new=True)  # the same name adds to it
    assert query(phone, AW_QUERY) == [("Road Trips Favorites", "moment_5_4K.mp4", 0),
                                      ("Road Trips Favorites", "clip_1_.mp4", 1),
                                      ("Road Trips Favorites", "episode_9_raw.mp4", 2)]
    tap(phone, desc="Playlists")
    assert need(phone, rid="ml_item_subtitle").text == "3 videos"
    tap(phone, rid="ml_item_title", text="Road Trips Favorites")
    assert [e.text for e in by_rid(phone, "ml_item_title")] == ["moment_5_4K", "clip_1_", "episode_9_raw"]
    more_of(phone, "clip_1_")
    tap(phone, text="Move up")
    more_of(phone, "episode_9_raw")
    tap(phone, text="Remove from playlist")
    assert [r[1] for r in query(phone, AW_QUERY)] == ["clip_1_.mp4", "moment_5_4K.mp4"]
    assert [r[2] for r in query(phone, AW_QUERY)] == [0, 1]


def test_selection_adds_in_pick_order_and_playlists_can_be_deleted(phone: VirtualPhone, vlc: VlcApp) -> None:
    for name in ("a_clip.mp4", "b_clip.mp4", "c_clip.mp4"):
        vlc.write_video(name, 10)
    open_app(phone, "VLC")
    for title in ("c_clip", "a_clip"):
        phone.long_press(*need(phone, rid="ml_item_title", text=title).bounds.center)
    need(phone, text="2 selected")
    tap(phone, desc="Add to playlist")
    phone.input_text("Picks")
    tap(phone, text="Save")
    assert query(phone, AW_QUERY) == [("Picks", "c_clip.mp4", 0), ("Picks", "a_clip.mp4", 1)]
    assert find(phone, text="2 selected") is None
    tap(phone, desc="Playlists")
    tap(phone, desc="More Actions")
    tap(phone, rid="button1")
    assert query(phone, "SELECT COUNT(*) FROM Playlist") == [(0,)]
    need(phone, text="No playlists")


def test_the_player_shows_the_video_and_counts_the_play(phone: VirtualPhone, vlc: VlcApp) -> None:
    vlc.write_video("highlight_7_HD.mp4", 125)
    open_app(phone, "VLC")
    tap(phone, rid="ml_item_title", text="highlight_7_HD")
    assert phone.current_focus() == (PKG, PKG + ".gui.video.VideoPlayerActivity")
    assert need(phone, rid="player_overlay_length").text == "2:05"
    tap(phone, desc="Pause")
    need(phone, desc="Play")
    phone.screenshot()
    assert query(phone, "SELECT play_count FROM Media") == [(1,)]


def _surface(phone: VirtualPhone) -> Image.Image:
    box = need(phone, rid="surface_video").bounds
    return phone.screenshot().convert("RGB").crop((box.left, box.top, box.right, box.bottom))


def _shows(phone: VirtualPhone, path: str, position_ms: int) -> bool:
    """The surface holds exactly the file's frame at `position_ms`, as frames.py decodes and fits it."""
    surface = _surface(phone)
    decoded = frames_of(phone.fs.host_path(path))
    assert decoded is not None
    frame = decoded.fitted(position_ms, surface.size)
    left, top = (surface.width - frame.width) // 2, (surface.height - frame.height) // 2
    inner = surface.crop((left, top, left + frame.width, top + frame.height))
    return ImageChops.difference(inner, frame.convert("RGB")).getbbox() is None


def test_the_player_shows_each_frame_on_the_screenshot_only(phone: VirtualPhone, vlc: VlcApp) -> None:
    path = vlc.write_video("scene_4_raw.mp4", 8, folder="/sdcard/Download", messages=["Amara", "Kenji", "Ola"])
    phone.shell("droidpilot clock freeze")  # as in a task: playback runs on elapsed time all the same
    try:
        open_app(phone, "VLC")
        tap(phone, rid="ml_item_title", text="scene_4_raw")
        assert need(phone, rid="player_overlay_length").text == "0:24"
        assert _shows(phone, path, 0) and not _shows(phone, path, 8000)
        phone.shell("sleep 8")  # an agent's wait: the next name
        assert need(phone, rid="player_overlay_time").text == "0:08" and _shows(phone, path, 8000)
        texts = " ".join(e.text + " " + e.content_desc for e in elements(phone))
        assert not any(name in texts for name in ("Amara", "Kenji", "Ola"))  # nothing to read but pixels
        tap(phone, desc="Pause")
        phone.shell("sleep 30")
        assert need(phone, rid="player_overlay_time").text.startswith("0:08")  # paused: the frame stays
        tap(phone, rid="player_overlay_forward")
        assert _shows(phone, path, 18000)
        tap(phone, rid="player_overlay_rewind")
        tap(phone, rid="player_overlay_rewind")
        assert need(phone, rid="player_overlay_time").text == "0:00" and _shows(phone, path, 0)
        tap(phone, desc="Play")
        phone.shell("sleep 60")  # the end: the last frame, paused
        assert need(phone, rid="player_overlay_time").text == "0:24" and _shows(phone, path, 24000)
        need(phone, desc="Play")
    finally:
        phone.shell("droidpilot clock unfreeze")


def test_view_intents_for_a_video_open_the_player(phone: VirtualPhone, vlc: VlcApp) -> None:
    vlc.write_video("moment_3_.mp4", 42, folder="/sdcard/Movies")
    rows = phone.shell("content query --uri content://media/external/video/media --projection _id:_display_name")
    media_id = next(line.split("_id=")[1].split(",")[0] for line in rows.output.splitlines() if "moment_3_" in line)
    phone.shell(f"am start -a android.intent.action.VIEW -d content://media/external/video/media/{media_id}")
    assert phone.current_focus() == (PKG, PKG + ".gui.video.VideoPlayerActivity")
    assert need(phone, rid="player_overlay_title").text == "moment_3_"
    phone.shell("input keyevent BACK")
    phone.shell("am start -a android.intent.action.VIEW -d file:///sdcard/Movies/moment_3_.mp4")
    assert need(phone, rid="player_overlay_length").text == "0:42"


def test_a_library_cleared_behind_its_back_is_rebuilt_from_the_files(phone: VirtualPhone, vlc: VlcApp) -> None:
    vlc.write_video("footage_2_export.mp4", 20)
    assert len(vlc.videos()) == 1
    vlc.clear_library()
    open_app(phone, "VLC")
    need(phone, rid="ml_item_title", text="footage_2_export")


def test_500_monkey_events_leave_vlc_usable(phone: VirtualPhone, vlc: VlcApp) -> None:
    vlc.write_video("clip_1_.mp4", 10)
    result = phone.shell(f"monkey -p {PKG} -s 11 --throttle 0 500")
    assert result.exit_code == 0 and "Events injected: 500" in result.output, result.stderr
    phone.shell(f"monkey -p {PKG} -c android.intent.category.LAUNCHER 1")
    assert phone.current_focus()[0] == PKG
    phone.screenshot()
