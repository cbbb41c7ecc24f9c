"""Create or edit a recipe (Broccoli's CreateAndEditRecipeActivity; the `recipe_id` extra edits).

Leaving with unsaved changes (Back or the close button) asks "Discard changes?"; saving without a title toasts
"Please add a title." and stays. Text shared to the app (ACTION_SEND text/plain) opens a new recipe prefilled:
a link becomes the source, other text the title (first line) and description (the rest).
"""

from __future__ import annotations

from typing import Any, ClassVar

from droidpilot.emulator.virtual.apps.base import ACTION_SEND, EXTRA_TEXT, Activity
from droidpilot.emulator.virtual.apps.recipes import store
from droidpilot.emulator.virtual.apps.recipes.widgets import alert, toolbar
from droidpilot.emulator.virtual.toolkit import views as v

# (column, resource-id, hint, multi-line) in screen order.
FIELDS = (
    ("title", "new_title", "Title", False),
    ("description", "new_description", "Description", True),
    ("servings", "new_servings", "Servings", False),
    ("preparationTime", "new_preparation_time", "Preparation time", False),
    ("source", "new_source", "Source", False),
    ("ingredients", "new_ingredients", "Ingredients", True),
    ("directions", "new_directions", "Directions", True),
)
NO_TITLE = "Please add a title."
SAVED = "The recipe has been saved."


def _blank() -> dict[str, Any]:
    form: dict[str, Any] = dict.fromkeys(store.TEXT_FIELDS, "")
    form["favorite"] = False
    return form


def _from_shared(text: str) -> dict[str, Any]:
    form = _blank()
    text = text.strip()
    if text.startswith(("http://", "https://")) and " " not in text:
        form["source"] = text
    else:
        first, _, rest = text.partition("\n")
        form["title"], form["description"] = first.strip(), rest.strip()
    return form


class CreateAndEditRecipeActivity(Activity):
    NAME: ClassVar[str] = ".recipe.crud.CreateAndEditRecipeActivity"
    LABEL: ClassVar[str] = "New recipe"

    @property
    def _editing(self) -> bool:
        return self.intent.extras.get("recipe_id") is not None

    def _form(self) -> dict[str, Any]:
        """The field values, loaded once: from the recipe when editing, else blank or from a share."""
        if "form" not in self.state:
            saved = self._initial()
            self.state["saved_form"] = saved
            shared = self.intent.action == ACTION_SEND and not self._editing
            self.state["form"] = _from_shared(str(self.intent.extras.get(EXTRA_TEXT) or "")) if shared else dict(saved)
        form: dict[str, Any] = self.state["form"]
        return form

    def _initial(self) -> dict[str, Any]:
        if not self._editing:
            return _blank()
        with self.app.db() as conn:
            recipe = store.get_recipe(conn, int(self.intent.extras["recipe_id"]))
        if recipe is None:
            return _blank()
        form = {name: recipe[name] for name in store.TEXT_FIELDS}
        form["favorite"] = recipe["favorite"]
        return form

    def _set(self, name: str, value: str, multiline: bool) -> None:
        # A single-line field has no line breaks: typed or pasted ones become spaces.
        self._form()[name] = value if multiline else value.replace("\n", " ")

    # -- view -----------------------------------------------------------------------------------------------
    def build(self) -> v.View:
        form = self._form()
        save = v.Button(id="button_save_recipe", text="Save", style="text", width=96, on_click=self._save)
        title = "Edit recipe" if self._editing else "New recipe"
        bar = toolbar(title, self._leave, actions=[save], up_icon="close")
        fields = [self._field(form, *spec) for spec in FIELDS]
        favorite = v.Switch(id="new_favorite", text="Favourite", is_checked=bool(form["favorite"]),
                            on_change=self._set_favorite, padding=8)
        body = v.ScrollView(id="scroll_view", padding=16, spacing=12, children=[*fields, favorite])
        body.weight = 1
        return v.LinearLayout(children=[bar, body])

    def _field(self, form: dict[str, Any], name: str, rid: str, hint: str, multiline: bool) -> v.View:
        """An outlined text field; once it holds text its hint floats above it as a label (tapping it
        focuses the field, as TextInputLayout does)."""
        field = v.EditText(id=rid, hint=hint, text=form[name], multiline=multiline,
                           on_change=lambda value: self._set(name, value, multiline))
        if not form[name]:
            return field
        label = v.TextView(text=hint, size=12, color="primary", padding=2, on_click=lambda: self.request_focus(rid))
        return v.LinearLayout(children=[label, field])

    def _set_favorite(self, on: bool) -> None:
        self._form()["favorite"] = on

    def dialog(self) -> v.Dialog | None:
        if self.state.get("dialog") != "discard":
            return None
        return alert("Discard changes?", "Discard", self.finish, self.close_dialog)

    # -- actions --------------------------------------------------------------------------------------------
    def _changed(self) -> bool:
        return self._form() != self.state.get("saved_form")

    def _leave(self) -> None:
        if self._changed():
            self.clear_focus()  # the dialog takes input focus, so the keyboard goes away
            self.state["dialog"] = "discard"
        else:
            self.finish()

    def on_back(self) -> bool:
        if self.state.get("dialog"):
            return super().on_back()
        self._leave()
        return True

    def _save(self) -> None:
        form = self._form()
        values = {name: str(form[name]).strip() for name in store.TEXT_FIELDS}
        if not values["title"]:
            self.toast(NO_TITLE)
            return
        with self.app.db() as conn:
            if self._editing:
                store.update_recipe(conn, int(self.intent.extras["recipe_id"]), values, bool(form["favorite"]))
            else:
                store.insert_recipe(conn, values, bool(form["favorite"]))
        self.toast(SAVED)
        self.finish()
