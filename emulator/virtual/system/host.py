"""The system server: installed packages, tasks and their activity stacks, notifications, toasts, clipboard.

Apps reach the system only through this object (passed to their constructor), never through globals.
"""

from __future__ import annotations

import fnmatch
import random
from typing import Any

from droidpilot.emulator.virtual.apps.base import Activity, App, Intent, Notification
from droidpilot.emulator.virtual.clock import VirtualClock
from droidpilot.emulator.virtual.fs import VirtualFS
from droidpilot.emulator.virtual.system.mimetypes import mime_of
from droidpilot.emulator.virtual.system.settings_provider import SettingsProvider
from droidpilot.emulator.virtual.system.state import ActivityRecord, SystemState, TaskRecord, Toast
from droidpilot.errors import DeviceError

TOAST_MS = 3500
LAUNCHER_PACKAGE = "com.android.launcher3"
MAIN_ACTION = "android.intent.action.MAIN"
HOME_CATEGORY = "android.intent.category.HOME"


class ActivityNotFound(DeviceError, LookupError):
    """`am start` named an activity that no installed package declares."""


class SystemHost:
    """Owns the activity stacks and the services apps use (clock, settings, files, notifications)."""

    def __init__(
        self,
        fs: VirtualFS,
        clock: VirtualClock,
        settings: SettingsProvider,
        app_classes: list[type[App]],
        state: SystemState,
    ) -> None:
        self.fs = fs
        self.clock = clock
        self.settings = settings
        self.state = state
        self.apps: dict[str, App] = {cls.PACKAGE: cls(self) for cls in app_classes}
        self._activities: dict[int, Activity] = {}

    # -- packages -----------------------------------------------------------------------------------------
    def app(self, package: str) -> App:
        try:
            return self.apps[package]
        except KeyError:
            raise ActivityNotFound(f"package {package} is not installed") from None

    def launchable(self) -> list[App]:
        return [a for a in self.apps.values() if a.LAUNCHER is not None and a.PACKAGE != LAUNCHER_PACKAGE]

    def resolve_uri(self, uri: str) -> tuple[App, type[Activity]] | None:
        """The activity with the longest deep-link prefix matching `uri` (for a `file://` URI, in an app that
        takes the file's MIME type)."""
        best: tuple[int, App, type[Activity]] | None = None
        mime = mime_of(uri) if uri.startswith("file://") else None
        for app in self.apps.values():
            if mime and app.FILE_TYPES and not any(fnmatch.fnmatchcase(mime, t) for t in app.FILE_TYPES):
                continue
            for prefix, activity in app.DEEP_LINKS:
                if uri.startswith(prefix) and (best is None or len(prefix) > best[0]):
                    best = (len(prefix), app, activity)
        return None if best is None else (best[1], best[2])

    def resolve_action(self, action: str, mime: str | None = None) -> tuple[App, type[Activity]] | None:
        """The activity handling `action`; with a MIME type, only in an app whose filters declare it."""
        for app in self.apps.values():
            if mime is not None and not any(
                    a == action and (fnmatch.fnmatchcase(mime, t) or fnmatch.fnmatchcase(t, mime))
                    for a, t in app.INTENT_TYPES):
                continue
            for name, activity in app.ACTIONS:
                if name == action:
                    return app, activity
        return None

    # -- activities ---------------------------------------------------------------------------------------
    @property
    def front(self) -> TaskRecord:
        if not self.state.tasks:
            self.go_home()
        return self.state.tasks[0]

    def top_record(self) -> ActivityRecord:
        return self.front.top

    def activity_for(self, record: ActivityRecord) -> Activity:
        activity = self._activities.get(record.token)
        if activity is None or activity.state is not record.state:
            app = self.app(record.package)
            cls = app.find_activity(record.activity)
            if cls is None:
                raise ActivityNotFound(record.activity)
            activity = cls(app, record.state, record.intent)
            self._activities[record.token] = activity
        return activity

    def top_activity(self) -> Activity:
        return self.activity_for(self.top_record())

    def _new_id(self) -> int:
        self.state.next_id += 1
        return self.state.next_id

    def _record(self, app: App, activity: type[Activity], intent: Intent) -> ActivityRecord:
        self.ensure_process(app.PACKAGE)
        return ActivityRecord(token=self._new_id(), package=app.PACKAGE, activity=app.qualified(activity),
                              intent=intent)

    def _task_of(self, package: str) -> TaskRecord | None:
        return next((t for t in self.state.tasks if t.package == package), None)

    def _bring_to_front(self, task: TaskRecord) -> None:
        self.state.tasks.remove(task)
        self.state.tasks.insert(0, task)
        self._leave_screen()

    def _leave_screen(self) -> None:
        self.state.keyboard_shown = False
        self.state.overlay = None

    def record_of(self, activity: Activity) -> ActivityRecord:
        for task in self.state.tasks:
            for record in task.activities:
                if record.state is activity.state:
                    return record
        raise LookupError(f"{activity.NAME} is not running")

    def _target(self, intent: Intent) -> tuple[App, type[Activity]]:
        """The app and screen `intent` starts: named by package (and activity), else resolved from its data
        or action. Raises ActivityNotFound when nothing handles it."""
        if not intent.package and (intent.data or intent.action not in (None, MAIN_ACTION)):
            resolved = self.resolve_uri(intent.data) if intent.data else self.resolve_action(intent.action or "")
            if resolved is None:
                raise ActivityNotFound(f"No Activity found to handle {intent.data or intent.action}")
            return resolved
        app = self.app(intent.package or "")
        cls = app.find_activity(intent.activity) if intent.activity else app.LAUNCHER
        if cls is None:
            raise ActivityNotFound(f"{app.PACKAGE}/{intent.activity}")
        return app, cls

    def start_activity(self, intent: Intent, new_task: bool = True, clear_task: bool = False) -> None:
        """Start what `intent` names: a launcher intent resumes the app's task, others push a new screen.

        `new_task=False` (an app starting a screen) puts another app's screen on the current task, so Back
        returns to the caller; the shell, launcher and notifications start with NEW_TASK. `clear_task`
        (FLAG_ACTIVITY_CLEAR_TASK with NEW_TASK) finishes the app's task first, so the screen starts afresh as
        its only activity.
        """
        if HOME_CATEGORY in intent.categories and not intent.package:
            self.go_home()
            return
        app, cls = self._target(intent)
        task = self._task_of(app.PACKAGE)
        if task is not None and new_task and clear_task:
            self._clear(task)
            task = None
        if task is not None and new_task and task.top.activity == app.qualified(cls):
            # The screen is already on top of its task: bring it forward and hand it the intent (singleTop).
            self._bring_to_front(task)
            if intent.data or intent.extras or intent.action not in (None, MAIN_ACTION):
                self.activity_for(task.top).on_new_intent(intent)
            return
        is_launch = cls is app.LAUNCHER and not intent.data and not intent.extras
        if task is not None and is_launch and new_task:
            self._bring_to_front(task)
            return
        record = self._record(app, cls, intent)
        if not new_task and self.front.package != LAUNCHER_PACKAGE:
            task = self.front
        if task is None:
            task = TaskRecord(id=self._new_id(), package=app.PACKAGE, activities=[record])
            self.state.tasks.insert(0, task)
            self._leave_screen()
        else:
            task.activities.append(record)
            self._bring_to_front(task)
        self.activity_for(record).on_create()

    def _clear(self, task: TaskRecord) -> None:
        for record in task.activities:
            self._activities.pop(record.token, None)
        self.state.tasks.remove(task)

    def finish_activity(self, activity: Activity) -> None:
        for task in self.state.tasks:
            for record in task.activities:
                if record.state is activity.state:
                    self._pop(task, record)
                    return

    def _pop(self, task: TaskRecord, record: ActivityRecord) -> None:
        task.activities.remove(record)
        self._activities.pop(record.token, None)
        self.state.keyboard_shown = False
        if not task.activities:
            self.state.tasks.remove(task)
        if not self.state.tasks:
            self.go_home()

    def back(self) -> None:
        """Back with nothing to dismiss: the top screen handles it, or it is finished (the home screen stays)."""
        activity = self.top_activity()
        if activity.on_back():
            return
        task = self.front
        if task.package == LAUNCHER_PACKAGE:
            return
        if len(task.activities) == 1:
            # Android 12+: Back on a task's root moves the task behind home instead of destroying it.
            self.go_home()
            return
        self._pop(task, task.top)

    def go_home(self) -> None:
        task = self._task_of(LAUNCHER_PACKAGE)
        if task is None:
            launcher = self.app(LAUNCHER_PACKAGE)
            assert launcher.LAUNCHER is not None
            record = self._record(launcher, launcher.LAUNCHER, Intent(package=LAUNCHER_PACKAGE))
            task = TaskRecord(id=self._new_id(), package=LAUNCHER_PACKAGE, activities=[record])
            self.state.tasks.insert(0, task)
        else:
            task.activities[1:] = []
            self._bring_to_front(task)
        self.activity_for(task.top).state.clear()
        self._leave_screen()

    def force_stop(self, package: str) -> None:
        """Kill the app: its task goes, and so do its screens stacked on other apps' tasks."""
        if package == LAUNCHER_PACKAGE:
            return
        front = self.state.tasks[0] if self.state.tasks else None
        for task in list(self.state.tasks):
            doomed = [r for r in task.activities if r.package == package or task.package == package]
            for record in doomed:
                task.activities.remove(record)
                self._activities.pop(record.token, None)
            if not task.activities:
                self.state.tasks.remove(task)
        self.state.pids.pop(package, None)
        if front is not None and front not in self.state.tasks:
            self.go_home()

    def start_activity_of(self, package: str) -> None:
        """What tapping a launcher icon or a recents card does: resume the app's task, or start it."""
        self.start_activity(Intent(package=package))

    def clear_recents(self) -> None:
        for task in self.recent_tasks():
            self.force_stop(task.package)
        self.go_home()

    def recent_tasks(self) -> list[TaskRecord]:
        return [t for t in self.state.tasks if t.package != LAUNCHER_PACKAGE]

    def ensure_process(self, package: str) -> int:
        if package not in self.state.pids:
            rng = random.Random(f"{package}:{len(self.state.pids)}")
            self.state.pids[package] = rng.randrange(2000, 30000)
        return self.state.pids[package]

    # -- services -----------------------------------------------------------------------------------------
    def toast(self, text: str) -> None:
        self.state.toast = Toast(text=text, until_ms=self.clock.now_ms() + TOAST_MS)

    def notify(self, package: str, title: str, text: str = "", intent: Intent | None = None,
               tag: str = "") -> Notification:
        notification = Notification(id=self._new_id(), package=package, title=title, text=text,
                                    posted_ms=self.clock.now_ms(), intent=intent, tag=tag)
        self.state.notifications.insert(0, notification)
        return notification

    def cancel_notification(self, notification_id: int) -> None:
        self.state.notifications = [n for n in self.state.notifications if n.id != notification_id]

    def open_notification(self, notification_id: int) -> None:
        match = next((n for n in self.state.notifications if n.id == notification_id), None)
        if match is None:
            return
        self.cancel_notification(notification_id)
        self.state.overlay = None
        if match.intent is not None:
            self.start_activity(match.intent)

    @property
    def clipboard(self) -> str:
        return self.state.clipboard

    @clipboard.setter
    def clipboard(self, text: str) -> None:
        self.state.clipboard = text

    def setting(self, namespace: str, name: str, default: Any = None) -> str | None:
        value = self.settings.get(namespace, name)
        return default if value is None else value

    def tick(self) -> None:
        """Let apps react to the clock (alarms, timers) and expire the toast."""
        now = self.clock.now_ms()
        if self.state.toast is not None and self.state.toast.until_ms <= now:
            self.state.toast = None
        for app in self.apps.values():
            app.on_tick(now)
