"""Retro Music driven through its UI: songs are tagged MP3s under /sdcard/Music; playlists land in playlist.db
(PlaylistEntity, SongEntity) in order, the playing queue in music_playback_state.db, exports as M3U files."""

from __future__ import annotations

import sqlite3

import pytest

from droidpilot.emulator.device import UIElement
from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.apps.retromusic import RetroMusicApp
from droidpilot.emulator.virtual.apps.retromusic.mp3 import FRAME_BYTES, read_tags
from tests.ui import elements, find, need, open_app, tap

PKG = RetroMusicApp.PACKAGE
AW_PLAYLISTS = """SELECT pe.playlist_name, se.title, se.duration,
    ROW_NUMBER() OVER (PARTITION BY pe.playlist_name ORDER BY se.song_key) - 1 AS order_in_playlist
    FROM PlaylistEntity pe JOIN SongEntity se ON pe.playlist_id = se.playlist_creator_id
    ORDER BY pe.playlist_name, order_in_playlist"""
SONGS = (("Night Drive", "Emma", 200_000), ("Endless Summer", "Liam", 185_000), ("Moments", "Ava", 240_000),
         ("Golden Days", "Noah", 215_000))


@pytest.fixture
def retro(phone: VirtualPhone) -> RetroMusicApp:
    app = phone.host.apps[PKG]
    assert isinstance(app, RetroMusicApp)
    app.clear_music()
    app.clear_playlists()
    app.clear_queue()
    for title, artist, ms in SONGS:
        app.write_song(f"{title}.mp3", title, artist, ms)
    return app


def query(phone: VirtualPhone, db: str, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(phone.data_dir / "data" / PKG / "databases" / db)
    try:
        return list(conn.execute(sql))
    finally:
        conn.close()


def by_rid(phone: VirtualPhone, rid: str) -> list[UIElement]:
    return [e for e in elements(phone) if e.resource_id == f"{PKG}:id/{rid}"]


def song_menu(phone: VirtualPhone, title: str) -> None:
    row = need(phone, rid="title", text=title)
    button = next(b for b in by_rid(phone, "menu") if b.bounds.top <= row.bounds.center[1] <= b.bounds.bottom)
    phone.tap(*button.bounds.center)


def add_to_playlist(phone: VirtualPhone, title: str, playlist: str, new: bool) -> None:
    song_menu(phone, title)
    tap(phone, text="Add to playlist")
    if new:
        tap(phone, text="New playlist")
        phone.input_text(playlist)
        tap(phone, text="Create")
    else:
        tap(phone, rid="title", text=playlist)


def test_songs_are_real_tagged_mp3s_sorted_by_title(phone: VirtualPhone, retro: RetroMusicApp) -> None:
    data = (phone.data_dir / "sdcard/Music/Moments.mp3").read_bytes()
    assert data[:3] == b"ID3" and data[-FRAME_BYTES:-FRAME_BYTES + 2] == b"\xff\xe3"
    assert read_tags(data, len(data)) == {"title": "Moments", "artist": "Ava", "duration": 240_048}  # 72 ms frames
    open_app(phone, "Retro Music")
    assert [e.text for e in by_rid(phone, "title")] == ["Endless Summer", "Golden Days", "Moments", "Night Drive"]
    assert by_rid(phone, "text")[0].text == "Liam • 3:05"
    phone.screenshot()
    tap(phone, desc="Artists")
    tap(phone, rid="title", text="Emma")
    assert [e.text for e in by_rid(phone, "title")] == ["Night Drive"]


def test_create_fill_reorder_and_trim_a_playlist(phone: VirtualPhone, retro: RetroMusicApp) -> None:
    open_app(phone, "Retro Music")
    add_to_playlist(phone, "Night Drive", "Chill Beats 12", new=True)
    add_to_playlist(phone, "Moments", "Chill Beats 12", new=False)
    add_to_playlist(phone, "Endless Summer", "Chill Beats 12", new=False)
    add_to_playlist(phone, "Golden Days", "Chill Beats 12", new=True)  # a taken name is refused
    assert "exists" in (phone.host.state.toast.text if phone.host.state.toast else "")
    tap(phone, text="Cancel")
    assert [r[1] for r in query(phone, "playlist.db", AW_PLAYLISTS)] == ["Night Drive", "Moments", "Endless Summer"]
    tap(phone, desc="Playlists")
    tap(phone, rid="title", text="Chill Beats 12")
    assert need(phone, rid="action_bar_subtitle").text == "3 Songs • 10:25"
    song_menu(phone, "Endless Summer")
    tap(phone, text="Move up")
    song_menu(phone, "Night Drive")
    tap(phone, text="Remove from playlist")
    assert query(phone, "playlist.db", AW_PLAYLISTS) == [("Chill Beats 12", "Endless Summer", 185_040, 0),
                                                         ("Chill Beats 12", "Moments", 240_048, 1)]


def test_selection_adds_in_pick_order_and_exports_m3u(phone: VirtualPhone, retro: RetroMusicApp) -> None:
    open_app(phone, "Retro Music")
    for title in ("Moments", "Endless Summer"):
        phone.long_press(*need(phone, rid="title", text=title).bounds.center)
    tap(phone, desc="Add to playlist")
    tap(phone, text="New playlist")
    phone.input_text("Party Mix 7")
    tap(phone, text="Create")
    assert [r[1] for r in query(phone, "playlist.db", AW_PLAYLISTS)] == ["Moments", "Endless Summer"]
    tap(phone, desc="Playlists")
    tap(phone, desc="More options")
    tap(phone, text="Save playlist")
    tap(phone, rid="title", text="Download")
    m3u = (phone.data_dir / "sdcard/Download/Party Mix 7.m3u").read_text()
    assert m3u.splitlines() == ["#EXTM3U", "#EXTINF:240,Ava - Moments", "/storage/emulated/0/Music/Moments.mp3",
                                "#EXTINF:185,Liam - Endless Summer", "/storage/emulated/0/Music/Endless Summer.mp3"]


def test_the_playing_queue(phone: VirtualPhone, retro: RetroMusicApp) -> None:
    open_app(phone, "Retro Music")
    for title in ("Moments", "Night Drive"):
        song_menu(phone, title)
        tap(phone, text="Add to playing queue")
    assert retro.queue_titles() == ["Moments", "Night Drive"]
    song_menu(phone, "Golden Days")
    tap(phone, text="Play next")
    assert query(phone, "music_playback_state.db", "SELECT title FROM playing_queue") == [
        ("Moments",), ("Golden Days",), ("Night Drive",)]
    tap(phone, rid="miniPlayerTitle")
    assert need(phone, rid="songTotalTime").text == "4:00"
    tap(phone, desc="Next")
    assert need(phone, rid="title", text="Golden Days")
    menus = by_rid(phone, "menu")
    phone.tap(*menus[0].bounds.center)
    tap(phone, text="Remove from playing queue")
    assert retro.queue_titles() == ["Golden Days", "Night Drive"]
    phone.screenshot()
    phone.press_key("BACK")
    tap(phone, rid="title", text="Endless Summer")  # a tap plays the whole list from that song
    assert retro.queue_titles() == ["Endless Summer", "Golden Days", "Moments", "Night Drive"]
    assert retro.player() == {"position": 0, "playing": 1}
    assert find(phone, desc="Pause") is not None


def test_500_monkey_events_leave_retro_usable(phone: VirtualPhone, retro: RetroMusicApp) -> None:
    result = phone.shell(f"monkey -p {PKG} -s 5 --throttle 0 500")
    assert result.exit_code == 0 and "Events injected: 500" in result.output, result.stderr
    phone.shell(f"monkey -p {PKG} -c android.intent.category.LAUNCHER 1")
    assert phone.current_focus()[0] == PKG
    phone.screenshot()
