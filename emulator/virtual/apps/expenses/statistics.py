"""Statistics (`.ui.StatisticsActivity`): "Category Statistics", the total per category for this week, this
month (the default) or all time, largest first, with each one's share and the period's total."""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import partial
from typing import ClassVar

from droidpilot.emulator.virtual.apps.base import Activity
from droidpilot.emulator.virtual.apps.expenses import store
from droidpilot.emulator.virtual.apps.expenses.widgets import BADGE_COLORS, CategoryBadge, ShareBar, toolbar
from droidpilot.emulator.virtual.toolkit import views as v

PERIOD_LABELS = {"week": "This week", "month": "This month", "all": "All time"}
DEFAULT_PERIOD = "month"


class StatisticsActivity(Activity):
    NAME: ClassVar[str] = ".ui.StatisticsActivity"
    LABEL: ClassVar[str] = "Statistics"

    @property
    def period(self) -> str:
        period = self.state.get("period", DEFAULT_PERIOD)
        return period if period in PERIOD_LABELS else DEFAULT_PERIOD

    def build(self) -> v.View:
        now = self.host.clock.now()
        start, end = store.period_range(now, self.period)
        with self.app.db() as conn:
            totals = store.totals_by_category(conn, start, end)
        grand = sum(totals.values())
        bar = toolbar("Statistics", self.finish, subtitle=_range_text(now, self.period))
        rows: list[v.View] = [self._switch(), _total_row(grand),
                              v.TextView(id="tv_category_statistics", text="Category Statistics", size=16,
                                         bold=True, padding=8)]
        if totals:
            rows.extend(_category_row(name, cents, grand) for name, cents in totals.items())
        else:
            rows.append(v.TextView(id="tv_no_data", text="No Data", size=16, color="text_secondary",
                                   align="center", padding=32))
        body = v.RecyclerView(id="rv_category_statistics", padding=12, spacing=4, weight=1, children=rows)
        return v.LinearLayout(children=[bar, body])

    def _switch(self) -> v.View:
        """The period switch: three toggle buttons, the chosen one filled."""
        buttons: list[v.View] = [
            v.Button(id=f"btn_{key}", text=label, style="tonal" if key == self.period else "outlined",
                     selected=key == self.period, size=14, on_click=partial(self._choose, key))
            for key, label in PERIOD_LABELS.items()]
        return v.LinearLayout(id="period_switch", vertical=False, spacing=6, height=56, children=buttons)

    def _choose(self, period: str) -> None:
        self.state["period"] = period
        self.reset_scroll("rv_category_statistics")


def _range_text(now: datetime, period: str) -> str:
    start, end = store.period_range(now, period)
    if start is None or end is None:
        return "All time"
    first, last = store.to_datetime(start), store.to_datetime(end) - timedelta(days=1)
    return f"{first:%b} {first.day} – {last:%b} {last.day}, {last.year}"


def _total_row(cents: int) -> v.View:
    return v.ViewGroup(id="cv_total", bg="surface_variant", vertical=False, align_center=True, padding=16,
                       height=72, children=[
        v.TextView(text="Total", size=18, bold=True),
        v.TextView(id="tv_total", text=store.format_amount(cents), size=20, bold=True, align="right"),
    ])


def _category_row(name: str, cents: int, grand: int) -> v.View:
    cid = store.category_id(name)
    share = cents / grand if grand else 0.0
    texts = v.LinearLayout(children=[
        v.LinearLayout(vertical=False, children=[
            v.TextView(id="tv_category", text=name, size=16, max_lines=1),
            v.TextView(id="tv_amount", text=store.format_amount(cents), size=16, bold=True, align="right"),
        ]),
        v.LinearLayout(vertical=False, align_center=True, spacing=8, height=24, children=[
            ShareBar(fraction=share, color=BADGE_COLORS.get(cid, "primary")),
            v.TextView(id="tv_percentage", text=f"{share * 100:.0f}%", size=13, color="text_secondary",
                       width=48, align="right"),
        ]),
    ])
    return v.ViewGroup(id="item_category_statistic", vertical=False, align_center=True, padding=8, spacing=14,
                       height=76, children=[CategoryBadge(id="imv_category", category=cid, width=44, height=44),
                                            texts])
