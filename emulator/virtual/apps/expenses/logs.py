"""Expense Logs (`.ui.ExpenseLogsActivity`): every expense newest first under date headers. A long press
starts selection mode (tap toggles, "Select All", "Delete" asks "Delete Items" / Confirm)."""

from __future__ import annotations

from functools import partial
from typing import Any, ClassVar

from droidpilot.emulator.virtual.apps.base import SelectionMode
from droidpilot.emulator.virtual.apps.expenses import store
from droidpilot.emulator.virtual.apps.expenses.widgets import confirm_delete, date_header, expense_row, toolbar
from droidpilot.emulator.virtual.toolkit import views as v

DETAIL = ".ui.ExpenseDetailActivity"
LIST_ID = "rv_expense"


class ExpenseLogsActivity(SelectionMode):
    NAME: ClassVar[str] = ".ui.ExpenseLogsActivity"
    LABEL: ClassVar[str] = "Expense Logs"

    def build(self) -> v.View:
        with self.app.db() as conn:
            expenses = store.newest_first(conn)
        # Rows deleted elsewhere drop out of the selection.
        ids = {e["expense_id"] for e in expenses}
        if self.selected and not all(i in ids for i in self.selected):
            self.set_selection([i for i in self.selected if i in ids])
        bar = self._selection_bar(len(expenses)) if self.selected else toolbar(
            "Expense Logs", self.finish, subtitle=_count(len(expenses)))
        rows = self._rows(expenses)
        body: v.View = v.RecyclerView(id=LIST_ID, children=rows) if rows else v.TextView(
            id="tv_no_data", text="No Items", size=16, color="text_secondary", align="center", padding=48)
        body.weight = 1
        return v.LinearLayout(id="ml_expense", children=[bar, body])

    def _rows(self, expenses: list[dict[str, Any]]) -> list[v.View]:
        now = self.host.clock.now()
        rows: list[v.View] = []
        header = None
        chosen = set(self.selected)
        for expense in expenses:
            label = store.day_label(expense["created_date"], now)
            if label != header:
                header = label
                rows.append(date_header(label))
            eid = int(expense["expense_id"])
            rows.append(expense_row(expense, now, partial(self._click, eid), partial(self.toggle_selection, eid),
                                    selected=eid in chosen))
        return rows

    def _selection_bar(self, total: int) -> v.View:
        select_all = v.ImageButton(id="select", desc="Select All", icon="check", on_click=self._select_all)
        delete = v.ImageButton(id="delete", desc="Delete", icon="delete", on_click=self._ask_delete)
        return toolbar(f"{len(self.selected)} selected", self.clear_selection, nav_icon="close",
                       nav_desc="Cancel selection", actions=[select_all, delete], subtitle=_count(total))

    # -- selection ------------------------------------------------------------------------------------------
    def _click(self, expense_id: int) -> None:
        if self.selected:
            self.toggle_selection(expense_id)
        else:
            self.start(DETAIL, expense_id=expense_id)

    def _select_all(self) -> None:
        with self.app.db() as conn:
            self.set_selection([int(e["expense_id"]) for e in store.newest_first(conn)])

    def _ask_delete(self) -> None:
        self.state["dialog"] = "delete"

    def _delete(self) -> None:
        count = len(self.selected)
        with self.app.db() as conn:
            store.delete(conn, self.selected)
        self.clear_selection()
        self.toast("Item Deleted" if count == 1 else "Items Deleted")

    def dialog(self) -> v.Dialog | None:
        if self.state.get("dialog") != "delete" or not self.selected:
            return None
        return confirm_delete(len(self.selected), self.close_dialog, self._delete)

    def on_back(self) -> bool:
        if self.state.get("dialog"):
            self.close_dialog()
            return True
        if self.selected:
            self.clear_selection()
            return True
        return False


def _count(n: int) -> str:
    return f"{n} item" if n == 1 else f"{n} items"
