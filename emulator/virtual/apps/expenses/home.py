"""The home screen (`.ui.MainActivity`): this week's and this month's totals, recent expenses, the add FAB and
the navigation drawer to Expense Logs and Statistics."""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from droidpilot.emulator.virtual.apps.base import Activity
from droidpilot.emulator.virtual.apps.expenses import store
from droidpilot.emulator.virtual.apps.expenses.widgets import drawer, expense_row, toolbar
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.widgets import fab

ENTRY = ".ui.ExpenseEntryActivity"
DETAIL = ".ui.ExpenseDetailActivity"
LOGS = ".ui.ExpenseLogsActivity"
STATISTICS = ".ui.StatisticsActivity"
RECENT_LIMIT = 10
EMPTY_TEXT = "No expenses yet"


class MainActivity(Activity):
    NAME: ClassVar[str] = ".ui.MainActivity"
    LABEL: ClassVar[str] = "Home"

    def build(self) -> v.View:
        now = self.host.clock.now()
        with self.app.db() as conn:
            week = store.total(conn, *store.period_range(now, "week"))
            month = store.total(conn, *store.period_range(now, "month"))
            recent = store.newest_first(conn, RECENT_LIMIT)
        bar = toolbar("Home", self._open_drawer, nav_icon="menu", nav_desc="Open navigation drawer")
        rows = [expense_row(e, now, partial(self.start, DETAIL, expense_id=e["expense_id"])) for e in recent]
        body: v.View = v.RecyclerView(id="rv_recent", children=rows) if rows else v.TextView(
            id="tv_no_data", text=EMPTY_TEXT, size=16, color="text_secondary", align="center", padding=48)
        body.weight = 1
        content = v.LinearLayout(children=[bar, _summary(week, month, now.strftime("%B")),
                                           self._recent_header(), body])
        layers: list[v.View] = [content, fab("Add expense", lambda: self.start(ENTRY), fab_id="fb_add")]
        if self.state.get("drawer"):
            layers.append(drawer("home", self._pick, self._close_drawer))
        return v.FrameLayout(id="ml_home", children=layers)

    def _recent_header(self) -> v.View:
        return v.LinearLayout(vertical=False, align_center=True, height=52, padding=4, children=[
            v.TextView(id="tv_recent", text="Recent", size=18, bold=True, padding=8),
            v.Button(id="btn_recent_more", text="See all", style="text", width=104,
                     on_click=lambda: self.start(LOGS)),
        ])

    # -- drawer ---------------------------------------------------------------------------------------------
    def _open_drawer(self) -> None:
        self.state["drawer"] = True

    def _close_drawer(self) -> None:
        self.state.pop("drawer", None)

    def _pick(self, key: str) -> None:
        self._close_drawer()
        if key == "logs":
            self.start(LOGS)
        elif key == "statistics":
            self.start(STATISTICS)

    def on_back(self) -> bool:
        if self.state.get("drawer"):
            self._close_drawer()
            return True
        return super().on_back()

    def on_swipe(self, direction: str) -> bool:
        if direction == "right" and not self.state.get("drawer"):
            self._open_drawer()
            return True
        if direction == "left" and self.state.get("drawer"):
            self._close_drawer()
            return True
        return False


def _summary(week_cents: int, month_cents: int, month_name: str) -> v.View:
    """The totals card (`cd_value`): this week's spending large, this month's below."""
    month_row = v.LinearLayout(vertical=False, align_center=True, children=[
        v.TextView(id="tv_month_label", text=f"This month ({month_name})", size=14, color="text_secondary"),
        v.TextView(id="tv_month_total", text=store.format_amount(month_cents), size=16, bold=True,
                   align="right"),
    ])
    card = v.ViewGroup(id="cd_value", bg="surface_variant", padding=16, spacing=4, children=[
        v.TextView(id="tv_week_label", text="Expenses in this Week", size=14, color="text_secondary"),
        v.TextView(id="tv_week_total", text=store.format_amount(week_cents), size=34, bold=True),
        month_row,
    ])
    return v.LinearLayout(padding=12, children=[card])
