"""The recipe list (Broccoli's MainActivity): cards by title, search, a favourites filter and multi-delete."""

from __future__ import annotations

from typing import Any, ClassVar

from droidpilot.emulator.virtual.apps.base import SelectionMode
from droidpilot.emulator.virtual.apps.recipes import store
from droidpilot.emulator.virtual.apps.recipes.widgets import Chip, RecipePhoto, alert, clipped, empty_state, toolbar
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.widgets import fab

EDITOR = ".recipe.crud.CreateAndEditRecipeActivity"
DETAILS = ".recipe.details.RecipeDetailsActivity"
LIST_ID = "recycler_view"
FIRST_RECIPE = "Create your first recipe and start your collection!"
NONE_FOUND = "No recipes found."


class MainActivity(SelectionMode):
    NAME: ClassVar[str] = ".MainActivity"
    LABEL: ClassVar[str] = "Recipes"

    def _shown(self) -> tuple[list[dict[str, Any]], bool]:
        """The recipes the filter and search let through, and whether there are any recipes at all."""
        with self.app.db() as conn:
            recipes = store.all_recipes(conn)
        shown = [r for r in recipes if r["favorite"]] if self.state.get("favorites") else recipes
        query = self.state.get("query", "") if self.state.get("searching") else ""
        if query.strip():
            shown = store.search_order(shown, query)
        return shown, bool(recipes)

    def build(self) -> v.View:
        shown, any_recipes = self._shown()
        body: v.View = v.RecyclerView(id=LIST_ID, padding=8, spacing=8, children=[self._card(r) for r in shown])
        if not shown:
            body = empty_state(NONE_FOUND if any_recipes else FIRST_RECIPE)
        bar = self._selection_bar() if self.selected else (
            self._search_bar() if self.state.get("searching") else self._app_bar())
        content = v.FrameLayout(weight=1, children=[body])
        if not self.selected:
            content.children.append(fab("Add recipe", self._create, fab_id="fab_recipes"))
        return v.LinearLayout(children=[bar, self._chips(), content])

    # -- bars -----------------------------------------------------------------------------------------------
    def _app_bar(self) -> v.View:
        search = v.ImageButton(id="action_search", desc="Search", icon="search", on_click=self._open_search)
        return toolbar("Recipes", None, actions=[search])

    def _search_bar(self) -> v.View:
        query = self.state.get("query", "")
        children: list[v.View] = [
            v.ImageButton(desc="Collapse", icon="back", on_click=self._close_search),
            v.EditText(id="search_src_text", hint="Search", text=query, on_change=self._on_query),
        ]
        if query:
            children.append(v.ImageButton(id="search_close_btn", desc="Clear query", icon="close",
                                          on_click=lambda: self._on_query("")))
        return v.ViewGroup(id="toolbar", vertical=False, align_center=True, height=64, padding=4,
                           children=children)

    def _selection_bar(self) -> v.View:
        actions = [
            v.ImageButton(id="action_select_all", desc="Select all", icon="check", on_click=self._select_all),
            v.ImageButton(id="action_delete", desc="Delete", icon="delete", on_click=self._ask_delete),
        ]
        return toolbar(f"{len(self.selected)} selected", self.clear_selection, actions, up_icon="close",
                       up_desc="Done", up_id="action_mode_close_button")

    def _chips(self) -> v.View:
        favorites = bool(self.state.get("favorites"))
        return v.LinearLayout(id="chip_group", vertical=False, spacing=8, height=52, padding=2, children=[
            v.View(width=8),
            Chip(id="chip_all_recipes", text="All recipes", width=132, is_checked=not favorites,
                 on_change=lambda _on: self._filter(False)),
            Chip(id="chip_favorites", text="Favourites", width=132, is_checked=favorites,
                 on_change=lambda _on: self._filter(True)),
            v.View(),
        ])

    # -- cards ----------------------------------------------------------------------------------------------
    def _card(self, recipe: dict[str, Any]) -> v.View:
        rid = int(recipe["recipeId"])
        chosen = rid in self.selected
        image: v.View = RecipePhoto(id="card_image", seed=recipe["title"], width=104, height=104)
        if chosen:
            image = v.ImageView(id="card_checkmark", icon="check", tint="primary", width=104, height=104)
        texts: list[v.View] = [v.TextView(id="card_text_view_title", text=recipe["title"], size=19, max_lines=2)]
        if recipe["description"]:
            texts.append(v.TextView(id="card_text_view_description", text=clipped(recipe["description"]), size=14,
                                    color="text_secondary", max_lines=2))
        if recipe["source"]:
            texts.append(v.TextView(id="card_text_view_source", text=recipe["source"], size=13, color="primary",
                                    max_lines=1))
        children: list[v.View] = [image, v.LinearLayout(children=texts, padding=4)]
        if recipe["favorite"]:
            children.append(v.ImageView(id="card_favorite", icon="star", tint="primary", desc="Favourite", width=32))
        return v.ViewGroup(id="card_view", vertical=False, height=120, padding=8, spacing=8, bg="surface_variant",
                           selected=chosen, children=children,
                           on_click=lambda: self._click(rid), on_long_click=lambda: self.toggle_selection(rid))

    # -- actions --------------------------------------------------------------------------------------------
    def _create(self) -> None:
        self.start(EDITOR)

    def _click(self, recipe_id: int) -> None:
        if self.selected:
            self.toggle_selection(recipe_id)
        else:
            self.start(DETAILS, recipe_id=recipe_id)

    def toggle_selection(self, item_id: int) -> None:
        self.clear_focus()  # the action mode takes over from the search field and its keyboard
        super().toggle_selection(item_id)

    def _select_all(self) -> None:
        self.state["selected"] = [int(r["recipeId"]) for r in self._shown()[0]]

    def _filter(self, favorites: bool) -> None:
        self.state["favorites"] = favorites
        self.reset_scroll(LIST_ID)

    def _open_search(self) -> None:
        self.state["searching"] = True
        self.state["query"] = ""
        self.request_focus("search_src_text")

    def _close_search(self) -> None:
        self.state.pop("searching", None)
        self.state.pop("query", None)
        self.clear_focus()
        self.reset_scroll(LIST_ID)

    def _on_query(self, text: str) -> None:
        self.state["query"] = text.replace("\n", " ")
        self.reset_scroll(LIST_ID)

    def _ask_delete(self) -> None:
        self.state["dialog"] = "delete"

    def _delete(self) -> None:
        count = len(self.selected)
        with self.app.db() as conn:
            store.delete_recipes(conn, self.selected)
        self.clear_selection()
        self.toast("The recipe has been deleted." if count == 1 else f"{count} recipes have been deleted.")

    def dialog(self) -> v.Dialog | None:
        if self.state.get("dialog") != "delete" or not self.selected:
            return None
        count = len(self.selected)
        question = "Delete this recipe?" if count == 1 else f"Delete {count} recipes?"
        return alert(question, "Delete", self._delete, self.close_dialog)

    def on_back(self) -> bool:
        if self.state.get("dialog"):
            self.close_dialog()
            return True
        if self.selected:
            self.clear_selection()
            return True
        if self.state.get("searching"):
            self._close_search()
            return True
        return False
