"""The share sheet (Android 14's `com.android.intentresolver/.ChooserActivity`): a preview of what is shared,
Copy, and one target per app that accepts the mime type. Choosing a target sends it ACTION_SEND."""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from droidpilot.emulator.virtual.apps.base import (
    ACTION_SEND,
    CHOOSER_PACKAGE,
    EXTRA_MIME,
    EXTRA_STREAM,
    EXTRA_TEXT,
    Activity,
    App,
    Intent,
)
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.widgets import list_item


class ChooserActivity(Activity):
    NAME: ClassVar[str] = ".ChooserActivity"

    @property
    def mime(self) -> str:
        return str(self.intent.extras.get(EXTRA_MIME) or "text/plain")

    def _targets(self) -> list[tuple[App, type[Activity]]]:
        found = [(app, app.share_target(self.mime)) for app in self.host.apps.values()]
        return sorted(((app, act) for app, act in found if act is not None), key=lambda pair: pair[0].LABEL)

    def build(self) -> v.View:
        extras = self.intent.extras
        text, path = str(extras.get(EXTRA_TEXT) or ""), str(extras.get(EXTRA_STREAM) or "")
        preview = path.rpartition("/")[2] if path else text
        rows: list[v.View] = [
            v.TextView(id="headline", text="Share", size=22, padding=8),
            v.TextView(id="content_preview_text", text=preview, size=14, color="text_secondary", max_lines=3,
                       padding=8),
        ]
        if text and not path:
            rows.append(v.Button(id="copy", text="Copy", style="tonal", on_click=lambda: self._copy(text)))
        targets = self._targets()
        rows += [list_item(app.LABEL, icon=app.ICON or "apps", item_id="text1", desc=app.LABEL,
                           on_click=partial(self._send, app, activity))
                 for app, activity in targets]
        if not targets:
            rows.append(v.TextView(id="empty", text="No apps can perform this action.", color="text_secondary"))
        return v.LinearLayout(id="chooser_header", children=[
            v.View(weight=1, on_click=self.finish, desc="Close"),
            v.ScrollView(id="resolver_list", bg="dialog", padding=16, spacing=4, children=rows),
        ])

    def _copy(self, text: str) -> None:
        self.host.clipboard = text
        self.toast("Copied")
        self.finish()

    def _send(self, app: App, activity: type[Activity]) -> None:
        intent = Intent(action=ACTION_SEND, package=app.PACKAGE, activity=activity.NAME,
                        extras=dict(self.intent.extras))
        self.finish()
        self.start_intent(intent)


class ChooserApp(App):
    PACKAGE: ClassVar[str] = CHOOSER_PACKAGE
    LABEL: ClassVar[str] = "Share"
    ACTIVITIES: ClassVar[tuple[type[Activity], ...]] = (ChooserActivity,)
