"""UI-NEXUS Simple Concatenation on the newer apps (OsmAnd, Audio Recorder, VLC, Retro Music): independent
atomic androidworld tasks in sequence, each checked on its own app's state (`app_state`)."""

from __future__ import annotations

from droidpilot.benchmarks.suites.androidworld.audio_recorder import (
    AudioRecorderRecordAudioWithFileName,
    RecorderParams,
)
from droidpilot.benchmarks.suites.androidworld.clock import ClockTimerEntry, TimerParams
from droidpilot.benchmarks.suites.androidworld.osmand import LocationParams, OsmAndFavorite, OsmAndMarker, coords_of
from droidpilot.benchmarks.suites.androidworld.retro_music import RetroCreatePlaylist, RetroParams
from droidpilot.benchmarks.suites.androidworld.sms import SimpleSmsSendToContact, SmsParams
from droidpilot.benchmarks.suites.androidworld.system import (
    BLUETOOTH,
    WIFI,
    SystemBluetoothTurnOff,
    SystemWifiTurnOff,
)
from droidpilot.benchmarks.suites.androidworld.vlc import VlcCreatePlaylist, VlcParams
from droidpilot.benchmarks.suites.uinexus.app_goals import (
    favorite_added,
    marker_added,
    recording_named,
    retro_playlist_added,
    vlc_playlist_added,
)
from droidpilot.benchmarks.suites.uinexus.atoms import SubGoal, setting_is, sms_text, timer_started
from droidpilot.benchmarks.suites.uinexus.composite import number_of, then
from droidpilot.benchmarks.suites.uinexus.concatenation import Chain, _complexity


def _point(location: LocationParams) -> tuple[float, float]:
    point = coords_of(location.location)
    assert point is not None, f"not an OsmAnd place: {location.location}"
    return point


class NexusFavoriteThenRecord(Chain):
    PARTS = (OsmAndFavorite, AudioRecorderRecordAudioWithFileName)
    template = then(*(p.template for p in PARTS))
    complexity = _complexity(*PARTS)
    app_names = ("net.osmand", "com.dimowner.audiorecorder")

    def goals(self) -> list[SubGoal]:
        place, rec = self.part(0, LocationParams), self.part(1, RecorderParams)
        return [favorite_added(_point(place), place.location), recording_named(rec.file_name)]


class NexusMarkerThenText(Chain):
    PARTS = (OsmAndMarker, SimpleSmsSendToContact)
    template = then(*(p.template for p in PARTS))
    complexity = _complexity(*PARTS)
    app_names = ("net.osmand", "com.android.messaging")

    def goals(self) -> list[SubGoal]:
        place, sms = self.part(0, LocationParams), self.part(1, SmsParams)
        return [marker_added(_point(place), place.location), sms_text(number_of(sms, sms.target), sms.message)]


class NexusVideoPlaylistThenWifiOff(Chain):
    PARTS = (VlcCreatePlaylist, SystemWifiTurnOff)
    template = then("Create a VLC playlist with the files the goal lists.", SystemWifiTurnOff.template)
    complexity = _complexity(*PARTS)
    app_names = ("org.videolan.vlc", "com.android.settings")

    def goals(self) -> list[SubGoal]:
        vlc = self.part(0, VlcParams)
        return [vlc_playlist_added(vlc.playlist_name, vlc.files), setting_is(WIFI, {"0"}, "Wi-Fi off")]


class NexusSongPlaylistThenTimer(Chain):
    PARTS = (RetroCreatePlaylist, ClockTimerEntry)
    template = then("Create a Retro Music playlist with the songs the goal lists.", ClockTimerEntry.template)
    complexity = _complexity(*PARTS)
    app_names = ("code.name.monkey.retromusic", "com.android.deskclock")

    def goals(self) -> list[SubGoal]:
        retro, timer = self.part(0, RetroParams), self.part(1, TimerParams)
        length = ((timer.hours * 60 + timer.minutes) * 60 + timer.seconds) * 1000
        titles = [f.split(".")[0] for f in retro.files]
        return [retro_playlist_added(retro.playlist_name, titles), timer_started(length)]


class NexusRecordThenBluetoothOff(Chain):
    PARTS = (AudioRecorderRecordAudioWithFileName, SystemBluetoothTurnOff)
    template = then(*(p.template for p in PARTS))
    complexity = _complexity(*PARTS)
    app_names = ("com.dimowner.audiorecorder", "com.android.settings")

    def goals(self) -> list[SubGoal]:
        rec = self.part(0, RecorderParams)
        return [recording_named(rec.file_name), setting_is(BLUETOOTH, {"0"}, "Bluetooth off")]


TASKS = (NexusFavoriteThenRecord, NexusMarkerThenText, NexusVideoPlaylistThenWifiOff, NexusSongPlaylistThenTimer,
         NexusRecordThenBluetoothOff)
