"""The navigation drawer (built-in filters with counts, the user's lists, "New list") and the list dialog
that creates, renames, recolours and deletes lists."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from droidpilot.emulator.virtual.apps.tasks import filters, store
from droidpilot.emulator.virtual.apps.tasks.views import LIST_COLORS, Glyph, Scrim, Swatch, alert, argb, buttons, hex_of
from droidpilot.emulator.virtual.toolkit import views as v

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.apps.tasks.task_list import TaskListActivity

DRAWER_WIDTH = 304
NAME_FIELD = "name"
_ICONS = {filters.MY_TASKS: "inbox", filters.TODAY: "calendar", filters.RECENT: "history",
          filters.HIGH: "priority", filters.COMPLETED: "done"}


def build(act: TaskListActivity, tasks: list[dict[str, Any]], lists: list[dict[str, Any]],
          key: str) -> v.View:
    """The drawer sheet over the list, with the dimmed scrim beside it."""
    now = act.now()
    rows: list[v.View] = [v.TextView(id="drawer_header", text="Tasks", size=22, padding=16)]
    for name, title in filters.FILTER_TITLES.items():
        count = len(filters.apply(tasks, name, now))
        rows.append(_item(title, _ICONS[name], count, key == name, partial(act.show, name)))
    rows.append(v.View(height=1, bg="outline"))
    rows.append(v.TextView(id="drawer_section", text="Lists", size=14, bold=True, color="text_secondary",
                           padding=12))
    for lst in lists:
        lkey = filters.list_key(lst["id"])
        count = len(filters.apply(tasks, lkey, now))
        rows.append(_item(lst["name"], "list", count, key == lkey, partial(act.show, lkey),
                          tint=hex_of(lst["color"]) or "text_secondary"))
    rows.append(_item("New list", "add", None, False, lambda: new_list(act)))
    sheet = v.LinearLayout(id="navigation_drawer", width=DRAWER_WIDTH, bg="surface", children=[
        v.RecyclerView(id="drawer_list", weight=1, children=rows)])
    return v.LinearLayout(vertical=False, children=[sheet, Scrim(id="scrim", on_click=act.close_drawer)])


def _item(title: str, icon: str, count: int | None, selected: bool, on_click: v.Handler,
          tint: str = "text_secondary") -> v.View:
    children: list[v.View] = [Glyph(icon=icon, tint="primary" if selected else tint),
                              v.TextView(id="title", text=title, size=15, bold=selected, max_lines=1)]
    if count:
        children.append(v.TextView(id="count", text=str(count), size=14, color="text_secondary", width=40,
                                   align="right"))
    return v.ViewGroup(id="drawer_item", vertical=False, align_center=True, height=56, padding=8, spacing=12,
                       selected=selected, on_click=on_click, children=children)


# -- the list dialog -----------------------------------------------------------------------------------------
def new_list(act: TaskListActivity) -> None:
    act.state.update(dialog="list_edit", list_form={"id": None, "name": "", "color": 0, "error": ""})
    act.close_drawer()
    act.request_focus(NAME_FIELD)


def edit_list(act: TaskListActivity, list_id: int) -> None:
    with act.app.db() as conn:
        lst = store.get_list(conn, list_id)
    if lst is None:
        act.close_dialog()
        return
    act.state.update(dialog="list_edit", list_form={"id": list_id, "name": lst["name"], "color": lst["color"],
                                                    "error": ""})


def list_dialog(act: TaskListActivity, kind: str) -> v.Dialog | None:
    form: dict[str, Any] | None = act.state.get("list_form")
    if form is None:
        return None
    if kind == "list_delete":
        return alert(f"Delete {form['name']}? Its tasks will be deleted too.", "Cancel", "Delete",
                     lambda: _back_to_edit(act), lambda: _delete(act, form), title="Delete list?")
    return _edit_dialog(act, form)


def _edit_dialog(act: TaskListActivity, form: dict[str, Any]) -> v.Dialog:
    def set_name(text: str) -> None:
        form.update(name=text, error="")

    def set_color(color: int) -> None:
        form["color"] = color

    swatches: list[v.View] = [
        Swatch(id="color", desc=name, color_hex=hex_rgb, selected=form["color"] == argb(hex_rgb),
               on_click=partial(set_color, argb(hex_rgb))) for name, hex_rgb in LIST_COLORS]
    swatches.append(Swatch(id="color", desc="No colour", color_hex="#E0E0E0", selected=form["color"] == 0,
                           on_click=lambda: set_color(0)))
    editing = form["id"] is not None
    children: list[v.View] = [
        v.TextView(id="android:id/alertTitle", text="Edit list" if editing else "New list", size=22),
        v.EditText(id=NAME_FIELD, hint="Name", text=form["name"], on_change=set_name,
                   on_submit=lambda: _save(act, form)),
        v.TextView(id="name_error", text=form["error"], size=12, color="error", visible=bool(form["error"])),
        v.TextView(text="Colour", size=14, color="text_secondary"),
        v.LinearLayout(vertical=False, height=56, children=swatches)]
    if editing:
        children.append(v.Button(id="delete", text="Delete list", style="text", width=140,
                                 on_click=lambda: act.state.update(dialog="list_delete")))
    children.append(buttons("Cancel", "Save" if editing else "Create", lambda: _close(act),
                            lambda: _save(act, form)))
    return v.Dialog(id="list_dialog", on_dismiss=lambda: _close(act), children=children)


def _close(act: TaskListActivity) -> None:
    act.state.pop("list_form", None)
    act.close_dialog()
    act.clear_focus()


def _back_to_edit(act: TaskListActivity) -> None:
    act.state["dialog"] = "list_edit"


def _save(act: TaskListActivity, form: dict[str, Any]) -> None:
    name = form["name"].strip()
    if not name:
        form["error"] = "Name cannot be empty"
        return
    with act.app.db() as conn:
        clash = store.list_named(conn, name)
        if clash is not None and clash != form["id"]:
            form["error"] = "List already exists"
            return
        if form["id"] is None:
            list_id = store.insert_list(conn, name, int(form["color"]))
        else:
            list_id = int(form["id"])
            store.update_list(conn, list_id, name, int(form["color"]))
    _close(act)
    act.show(filters.list_key(list_id))


def _delete(act: TaskListActivity, form: dict[str, Any]) -> None:
    with act.app.db() as conn:
        store.delete_list(conn, int(form["id"]), act.host.clock.now_ms())
    _close(act)
    act.show(filters.MY_TASKS)
    act.toast(f"Deleted {form['name']}")
