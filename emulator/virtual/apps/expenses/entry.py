"""The expense entry form (`.ui.ExpenseEntryActivity`): add an expense, or edit one (extra `expense_id`).

Name, amount (numberDecimal: digits and one point), a category dropdown, the date (framework date picker,
today by the virtual clock by default) and a note; Save validates and writes `expense` in accounting.db.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any, ClassVar

from droidpilot.emulator.virtual.apps.base import Activity
from droidpilot.emulator.virtual.apps.expenses import store
from droidpilot.emulator.virtual.apps.expenses.widgets import CategoryBadge, Glyph, GlyphButton, toolbar
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.pickers import date_picker, date_picker_state
from droidpilot.emulator.virtual.toolkit.render import Painter

NAME_EMPTY = "Name is Empty"
AMOUNT_EMPTY = "Cost is Empty"
AMOUNT_INVALID = "Amount must be greater than $0"


class FieldBox(v.ViewGroup):
    """An outlined, tappable field (the exposed dropdown and the date field)."""

    def paint_content(self, p: Painter) -> None:
        p.draw.rounded_rectangle(p.box(self, v.px(4)), radius=v.px(6), outline=p.theme.outline, width=3)


class ExpenseEntryActivity(Activity):
    NAME: ClassVar[str] = ".ui.ExpenseEntryActivity"
    LABEL: ClassVar[str] = "Expense Entry"

    # -- form state -----------------------------------------------------------------------------------------
    @property
    def _expense_id(self) -> int | None:
        value = self.intent.extras.get("expense_id")
        return None if value is None else int(value)

    def _form(self) -> dict[str, Any]:
        """Field values, loaded once from the expense (edit) or defaults (new: today, category Others)."""
        if "form" not in self.state:
            self.state["form"] = self._initial()
        form: dict[str, Any] = self.state["form"]
        return form

    def _initial(self) -> dict[str, Any]:
        today = self.host.clock.now().date().isoformat()
        blank = {"name": "", "amount": "", "note": "", "category": store.DEFAULT_CATEGORY, "date": today}
        if self._expense_id is None:
            return blank
        with self.app.db() as conn:
            expense = store.get(conn, self._expense_id)
        if expense is None:
            return blank
        return {"name": expense["name"] or "", "amount": store.edit_text(expense["amount"]),
                "note": expense["note"] or "", "category": int(expense["category"]),
                "date": store.to_datetime(expense["created_date"]).date().isoformat()}

    def _set(self, key: str, value: Any) -> None:
        self._form()[key] = value

    # -- view -----------------------------------------------------------------------------------------------
    def build(self) -> v.View:
        form = self._form()
        title = "Edit Expense" if self._expense_id is not None else "Expense Entry"
        calendar = GlyphButton(id="calendar", icon="calendar", desc="Calendar", on_click=self._open_date)
        bar = toolbar(title, self.finish, actions=[calendar])
        body = v.ScrollView(id="sv_entry", padding=16, spacing=12, weight=1, children=[
            v.EditText(id="edt_name", hint="Name", text=form["name"],
                       on_change=lambda t: self._set("name", t), on_submit=lambda: self.request_focus("edt_amount")),
            v.EditText(id="edt_amount", hint="Amount", text=form["amount"], on_change=self._on_amount,
                       on_submit=lambda: self.request_focus("edt_note")),
            self._category_field(int(form["category"])),
            self._date_field(date.fromisoformat(form["date"])),
            v.EditText(id="edt_note", hint="Note", text=form["note"], on_change=lambda t: self._set("note", t),
                       on_submit=self.clear_focus),
        ])
        save = v.Button(id="btn_save", text="Save", desc="Save", on_click=self._save)
        return v.LinearLayout(children=[bar, body, v.LinearLayout(id="rl_repeat", padding=12, children=[save])])

    def _category_field(self, cid: int) -> v.View:
        return FieldBox(id="spinner_category", vertical=False, align_center=True, padding=10, spacing=12,
                        height=64, on_click=self._open_category, children=[
            CategoryBadge(category=cid, width=36, height=36),
            v.LinearLayout(children=[
                v.TextView(text="Category", size=12, color="text_secondary"),
                v.TextView(id="tv_category", text=store.category_name(cid), size=16, max_lines=1),
            ]),
            Glyph(icon="dropdown", width=32, tint="text_secondary"),
        ])

    def _date_field(self, day: date) -> v.View:
        return FieldBox(id="btn_date", vertical=False, align_center=True, padding=10, spacing=12, height=64,
                        on_click=self._open_date, children=[
            Glyph(icon="calendar", width=36, tint="text_secondary"),
            v.LinearLayout(children=[
                v.TextView(text="Date", size=12, color="text_secondary"),
                v.TextView(id="tv_date_value", text=f"{day:%a}, {day:%b} {day.day}, {day.year}", size=16),
            ]),
        ])

    def _on_amount(self, text: str) -> None:
        self._set("amount", store.amount_input(text))

    # -- dialogs --------------------------------------------------------------------------------------------
    def _open_category(self) -> None:
        self.clear_focus()
        self.state["dialog"] = "category"

    def _open_date(self) -> None:
        self.clear_focus()
        self.state["picker"] = date_picker_state(date.fromisoformat(self._form()["date"]))
        self.state["dialog"] = "date"

    def _choose_category(self, cid: int) -> None:
        self._set("category", cid)
        self.close_dialog()

    def _choose_date(self, day: date) -> None:
        self._set("date", day.isoformat())
        self.close_dialog()

    def close_dialog(self) -> None:
        super().close_dialog()
        self.state.pop("picker", None)

    def dialog(self) -> v.Dialog | None:
        kind = self.state.get("dialog")
        if kind == "date" and "picker" in self.state:
            return date_picker(self.state["picker"], self._choose_date, self.close_dialog,
                               today=self.host.clock.now().date())
        if kind != "category":
            return None
        current = int(self._form()["category"])
        options: list[v.View] = [
            v.RadioButton(id="category_item", text=store.CATEGORIES[cid], is_checked=cid == current,
                          on_change=v.ignoring_value(partial(self._choose_category, cid)))
            for cid in store.CATEGORY_ORDER]
        return v.Dialog(id="category_dialog", spacing=0, children=[
            v.TextView(id="android:id/alertTitle", text="Category", size=22, padding=4), *options])

    # -- save -----------------------------------------------------------------------------------------------
    def _save(self) -> None:
        form = self._form()
        name, note = form["name"].strip(), form["note"].strip()
        if not name:
            self.toast(NAME_EMPTY)
            return
        if not form["amount"].strip():
            self.toast(AMOUNT_EMPTY)
            return
        cents = store.parse_amount(form["amount"])
        if cents is None:
            self.toast(AMOUNT_INVALID)
            return
        self._write(name, cents, int(form["category"]), note, date.fromisoformat(form["date"]))
        self.clear_focus()
        self.finish()

    def _write(self, name: str, cents: int, cid: int, note: str, day: date) -> None:
        now = self.host.clock.now()
        with self.app.db() as conn:
            old = store.get(conn, self._expense_id) if self._expense_id is not None else None
            if old is None:
                store.insert(conn, name, cents, cid, note, store.on_day(day, now), store.to_ms(now))
                self.toast("Saved")
                return
            # Editing keeps the entry's time of day; only the picked day changes.
            created = store.on_day(day, store.to_datetime(old["created_date"]))
            store.update(conn, old["expense_id"], name, cents, cid, note, created, store.to_ms(now))
        self.toast("Data Updated!")
