"""One recipe (Broccoli's RecipeDetailsActivity): photo, title, servings and time, description, source, the
ingredients as a bulleted list and the directions as numbered steps; favourite star, Edit, and the overflow
menu's Share (the system share sheet, as plain text) and Delete (after "Delete this recipe?")."""

from __future__ import annotations

from typing import Any, ClassVar

from droidpilot.emulator.virtual.apps.base import Activity
from droidpilot.emulator.virtual.apps.recipes import store
from droidpilot.emulator.virtual.apps.recipes.widgets import RecipePhoto, alert, popup_menu, toolbar
from droidpilot.emulator.virtual.toolkit import views as v

EDITOR = ".recipe.crud.CreateAndEditRecipeActivity"
DELETED = "The recipe has been deleted."


def _meta(icon: str, text: str, view_id: str) -> list[v.View]:
    return [v.ImageView(id=f"details_icon_{view_id}", icon=icon, tint="text_secondary", width=28),
            v.TextView(id=f"details_{view_id}", text=text, size=15, max_lines=1)]


def _heading(text: str) -> v.View:
    return v.TextView(text=text, size=18, bold=True, color="primary")


def _ingredients(text: str) -> v.View:
    rows: list[v.View] = [
        v.LinearLayout(vertical=False, spacing=4, children=[
            v.TextView(text="•", size=16, width=24, align="center"),
            v.TextView(id="ingredient_text", text=line, size=16)])
        for line in store.lines(text)]
    return v.LinearLayout(id="details_ingredients", spacing=2, children=rows)


def _directions(text: str) -> v.View:
    rows: list[v.View] = [
        v.LinearLayout(vertical=False, spacing=8, children=[
            v.TextView(id="direction_number", text=str(i), size=16, bold=True, color="primary", width=32,
                       align="center"),
            v.TextView(id="direction_text", text=line, size=16)])
        for i, line in enumerate(store.lines(text), 1)]
    return v.LinearLayout(id="details_directions", spacing=8, children=rows)


class RecipeDetailsActivity(Activity):
    NAME: ClassVar[str] = ".recipe.details.RecipeDetailsActivity"
    LABEL: ClassVar[str] = "Recipe"

    @property
    def recipe_id(self) -> int:
        return int(self.intent.extras.get("recipe_id", -1))

    def _recipe(self) -> dict[str, Any] | None:
        with self.app.db() as conn:
            return store.get_recipe(conn, self.recipe_id)

    def build(self) -> v.View:
        recipe = self._recipe()
        if recipe is None:
            return v.LinearLayout(children=[toolbar("", self.finish), v.TextView(
                text="This recipe no longer exists.", align="center", color="text_secondary", padding=48)])
        body = v.ScrollView(id="scroll_view", padding=16, spacing=12, children=self._content(recipe))
        body.weight = 1
        return v.LinearLayout(children=[toolbar("", self.finish, self._actions(recipe)), body])

    def _actions(self, recipe: dict[str, Any]) -> list[v.View]:
        favorite = recipe["favorite"]
        star = v.ImageButton(id="action_details_unlike" if favorite else "action_details_like",
                             icon="star" if favorite else "star_outline",
                             desc="Remove from favourites" if favorite else "Add to favourites",
                             on_click=lambda: self._set_favorite(not favorite))
        edit = v.ImageButton(id="action_details_edit", desc="Edit", icon="edit",
                             on_click=lambda: self.start(EDITOR, recipe_id=self.recipe_id))
        more = v.ImageButton(desc="More options", icon="more", on_click=self._open_menu)
        return [star, edit, more]

    def _content(self, recipe: dict[str, Any]) -> list[v.View]:
        children: list[v.View] = [
            RecipePhoto(id="backdrop", desc="Recipe photo", seed=recipe["title"], height=180),
            v.TextView(id="details_title", text=recipe["title"], size=28),
        ]
        meta: list[v.View] = []
        if recipe["servings"]:
            meta += _meta("person", recipe["servings"], "servings")
        if recipe["preparationTime"]:
            meta += _meta("clock", recipe["preparationTime"], "preparation_time")
        if meta:
            children.append(v.LinearLayout(vertical=False, spacing=8, align_center=True, height=40,
                                           children=meta))
        if recipe["description"]:
            children.append(v.TextView(id="details_description", text=recipe["description"], size=16))
        if recipe["source"]:
            children.append(v.TextView(id="details_source", text=recipe["source"], size=15, color="primary"))
        if store.lines(recipe["ingredients"]):
            children += [_heading("Ingredients"), _ingredients(recipe["ingredients"])]
        if store.lines(recipe["directions"]):
            children += [_heading("Directions"), _directions(recipe["directions"])]
        return children

    # -- actions --------------------------------------------------------------------------------------------
    def _set_favorite(self, favorite: bool) -> None:
        with self.app.db() as conn:
            store.set_favorite(conn, self.recipe_id, favorite)

    def _open_menu(self) -> None:
        self.state["dialog"] = "menu"

    def dialog(self) -> v.Dialog | None:
        kind = self.state.get("dialog")
        if kind == "menu":
            return popup_menu([("Share", self._share), ("Delete", self._ask_delete)])
        if kind == "delete":
            return alert("Delete this recipe?", "Delete", self._delete, self.close_dialog)
        return None

    def _share(self) -> None:
        self.close_dialog()
        recipe = self._recipe()
        if recipe is not None:
            self.share(text=store.share_text(recipe))

    def _ask_delete(self) -> None:
        self.state["dialog"] = "delete"

    def _delete(self) -> None:
        with self.app.db() as conn:
            store.delete_recipes(conn, [self.recipe_id])
        self.close_dialog()
        self.toast(DELETED)
        self.finish()
