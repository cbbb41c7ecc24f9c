"""Expense Detail (`.ui.ExpenseDetailActivity`, extra `expense_id`): the expense's fields, with Edit and
Delete (asks "Delete Items" / Confirm) in the toolbar."""

from __future__ import annotations

from typing import Any, ClassVar

from droidpilot.emulator.virtual.apps.base import Activity
from droidpilot.emulator.virtual.apps.expenses import store
from droidpilot.emulator.virtual.apps.expenses.widgets import CategoryBadge, confirm_delete, toolbar
from droidpilot.emulator.virtual.toolkit import views as v

ENTRY = ".ui.ExpenseEntryActivity"


class ExpenseDetailActivity(Activity):
    NAME: ClassVar[str] = ".ui.ExpenseDetailActivity"
    LABEL: ClassVar[str] = "Expense Detail"

    @property
    def _expense_id(self) -> int:
        return int(self.intent.extras.get("expense_id", 0))

    def _expense(self) -> dict[str, Any] | None:
        with self.app.db() as conn:
            return store.get(conn, self._expense_id)

    def build(self) -> v.View:
        expense = self._expense()
        actions: list[v.View] = []
        if expense is not None:
            actions = [v.ImageButton(id="btn_edit", desc="Edit", icon="edit", on_click=self._edit),
                       v.ImageButton(id="btn_delete", desc="Delete", icon="delete", on_click=self._ask_delete)]
        bar = toolbar("Expense Detail", self.finish, actions=actions)
        if expense is None:
            # Deleted elsewhere (or a stale intent): nothing to show.
            body: v.View = v.TextView(id="tv_no_data", text="No Data", align="center", color="text_secondary",
                                      padding=48)
        else:
            body = _card(expense)
        body.weight = 1
        return v.LinearLayout(children=[bar, body])

    def _edit(self) -> None:
        self.start(ENTRY, expense_id=self._expense_id)

    def _ask_delete(self) -> None:
        self.state["dialog"] = "delete"

    def _delete(self) -> None:
        with self.app.db() as conn:
            store.delete(conn, [self._expense_id])
        self.close_dialog()
        self.toast("Item Deleted")
        self.finish()

    def dialog(self) -> v.Dialog | None:
        if self.state.get("dialog") != "delete":
            return None
        return confirm_delete(1, self.close_dialog, self._delete)


def _field(label: str, value_id: str, value: str, color: str = "text") -> v.View:
    return v.LinearLayout(vertical=False, spacing=12, children=[
        v.TextView(text=label, size=14, color="text_secondary", width=96),
        v.TextView(id=value_id, text=value, size=16, color=color),
    ])


def _card(expense: dict[str, Any]) -> v.View:
    created = store.to_datetime(expense["created_date"])
    header = v.LinearLayout(vertical=False, align_center=True, spacing=16, height=72, children=[
        CategoryBadge(id="imv_category", category=int(expense["category"]), width=56, height=56),
        v.TextView(id="tv_name_value", text=expense["name"] or "", size=20, bold=True),
    ])
    card = v.ViewGroup(id="cd_info", bg="surface_variant", padding=16, spacing=12, children=[
        header,
        _field("Amount", "tv_amount_value", store.format_amount(expense["amount"]), "primary"),
        _field("Category", "tv_category_value", expense["category_name"]),
        _field("Date", "tv_date_value", f"{created:%a}, {created:%b} {created.day}, {created.year}"
                                         f" {created.hour % 12 or 12}:{created:%M %p}"),
        _field("Note", "tv_note_value", expense["note"] or "-"),
    ])
    return v.ScrollView(id="sv_detail", padding=16, children=[card])
