"""Messages (com.android.messaging)."""

from __future__ import annotations

from typing import ClassVar

from emulator.virtual.apps.base import Activity, App
from emulator.virtual.toolkit import views as v
from emulator.virtual.toolkit.widgets import app_bar, screen


class MessagesMain(Activity):
    NAME: ClassVar[str] = ".ui.conversationlist.ConversationListActivity"

    def build(self) -> v.View:
        return screen(app_bar("Messages"), v.ScrollView(id="list", children=[]))


class MessagesApp(App):
    PACKAGE: ClassVar[str] = "com.android.messaging"
    LABEL: ClassVar[str] = "Messages"
    ICON: ClassVar[str] = "message"
    COLOR: ClassVar[str] = "indigo"
    ACTIVITIES: ClassVar[tuple[type[Activity], ...]] = (MessagesMain,)
    LAUNCHER: ClassVar[type[Activity] | None] = MessagesMain
